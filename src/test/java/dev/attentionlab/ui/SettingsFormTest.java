package dev.attentionlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.Setting;
import dev.attentionlab.engine.trace.SettingCatalogue;
import dev.attentionlab.engine.trace.SettingSamples;
import dev.attentionlab.engine.trace.TraceSettings;
import org.junit.jupiter.api.Test;

class SettingsFormTest {
    @Test
    void aFreshFormHoldsTheNotebook() {
        assertThat(new SettingsForm().builder().build()).isEqualTo(Preset.NOTEBOOK.defaults());
    }

    @Test
    void everyCataloguedSettingHasAPropertyThatCarriesItBothWays() {
        for (Setting<?> s : SettingCatalogue.ALL) {
            SettingsForm form = new SettingsForm();
            form.set(SettingSamples.notebookWithChanged(s));
            TraceSettings back = form.builder().build();
            assertThat(s.of(back)).as(s.key()).isEqualTo(SettingSamples.changed(s));
            assertThat(back).as(s.key()).isEqualTo(SettingSamples.notebookWithChanged(s));
        }
    }

    @Test
    void theNamedPropertiesAreTheLinkedOnes() {
        SettingsForm form = new SettingsForm();
        form.dModel.set(8);
        form.topP.set(0.75);
        form.fill.set(dev.attentionlab.engine.model.MaskFill.MINUS_1E9);
        TraceSettings s = form.builder().build();
        assertThat(s.model().dModel()).isEqualTo(8);
        assertThat(s.sampling().topP()).isEqualTo(0.75);
        assertThat(s.attention().fill()).isEqualTo(dev.attentionlab.engine.model.MaskFill.MINUS_1E9);
        // the text is followed on its own, everything else is a choice
        assertThat(form.choices()).doesNotContain(form.text).contains(form.dModel, form.preset, form.model, form.modelBlock);
    }
}
