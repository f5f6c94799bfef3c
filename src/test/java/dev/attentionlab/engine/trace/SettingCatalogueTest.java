package dev.attentionlab.engine.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attentionlab.engine.InvalidInputException;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class SettingCatalogueTest {
    @Test
    void keysAndOptionsAreUniqueAndOptionsLookLikeOptions() {
        assertThat(SettingCatalogue.ALL.stream().map(Setting::key)).doesNotHaveDuplicates().allMatch(k -> k.matches("[a-z_]+"));
        assertThat(SettingCatalogue.ALL.stream().map(Setting::option).filter(Objects::nonNull))
                .doesNotHaveDuplicates().allMatch(o -> o.matches("--[a-z-]+"));
    }

    @Test
    void defaultsAreTheNotebooksAndEverySettingReachesItsOwnField() {
        TraceSettings notebook = Preset.NOTEBOOK.defaults();
        TraceSettings fresh = TraceSettings.builder().build();
        for (Setting<?> s : SettingCatalogue.ALL) {
            assertThat(s.of(fresh)).as("a new builder's " + s.key()).isEqualTo(s.defaultValue());
            assertThat(s.of(notebook)).as("the notebook's " + s.key()).isEqualTo(s.defaultValue());
        }
        assertThat(SettingCatalogue.D_MODEL.defaultValue()).isEqualTo(3);
        assertThat(SettingCatalogue.D_K.defaultValue()).isEqualTo(24);
        assertThat(SettingCatalogue.MAX_NORM.defaultValue()).isNaN();
        for (Setting<?> s : SettingCatalogue.ALL) {
            TraceSettings changed = SettingSamples.notebookWithChanged(s);
            assertThat(s.of(changed)).as(s.key()).isEqualTo(SettingSamples.changed(s)).isNotEqualTo(s.of(notebook));
            // only that one field moved
            for (Setting<?> other : SettingCatalogue.ALL) {
                if (other != s) assertThat(other.of(changed)).as(s.key() + " left " + other.key()).isEqualTo(other.of(notebook));
            }
        }
    }

    @Test
    void eachCheckNamesTheSettingAndItsRange() {
        assertThatThrownBy(() -> TraceEngine.compute(Preset.NOTEBOOK.defaults().toBuilder().dModel(2000).build()))
                .isInstanceOf(InvalidInputException.class).hasMessage("d_model = 2000 is over the limit of 1024");
        assertThatThrownBy(() -> TraceEngine.compute(Preset.NOTEBOOK.defaults().toBuilder().padTo(-1).build()))
                .hasMessage("pad-to must be ≥ 0, got -1");
        assertThatThrownBy(() -> TraceEngine.compute(Preset.NOTEBOOK.defaults().toBuilder().vocabSize(-4).build()))
                .hasMessage("vocabulary size must be ≥ 0 (0 = exactly the tokenizer's ids), got -4");
        assertThatThrownBy(() -> TraceEngine.compute(Preset.NOTEBOOK.defaults().toBuilder().heads(0).build()))
                .hasMessage("heads must be at least 1, got 0");
        assertThatThrownBy(() -> TraceEngine.compute(Preset.NOTEBOOK.defaults().toBuilder().topP(0).build()))
                .hasMessage("top-p must be in (0, 1], got 0.0");
        assertThatThrownBy(() -> TraceEngine.compute(Preset.NOTEBOOK.defaults().toBuilder().attentionTemperature(-0.5).build()))
                .hasMessage("attention temperature must be a number ≥ 0, got -0.5");
        assertThatThrownBy(() -> TraceEngine.compute(Preset.NOTEBOOK.defaults().toBuilder().temperature(Double.POSITIVE_INFINITY).build()))
                .hasMessage("temperature must be finite");
        // unset is a value max_norm has; the embedding checks a set one
        assertThat(TraceEngine.compute(Preset.NOTEBOOK.defaults()).settings().model().maxNorm()).isNaN();
    }

    @Test
    void aChoiceIsFoundByItsKeyItsWordOrAnAliasAndTheCommandLineOffersOnlyWords() {
        var scale = (Setting.Choice<dev.attentionlab.engine.model.ScaleMode>) SettingCatalogue.SCALE.kind();
        assertThat(scale.find("inv_sqrt_dk")).isEqualTo(dev.attentionlab.engine.model.ScaleMode.INV_SQRT_DK);
        assertThat(scale.find("SQRT-DK")).isEqualTo(dev.attentionlab.engine.model.ScaleMode.INV_SQRT_DK);
        assertThat(scale.find("1/sqrt(dmodel)")).isEqualTo(dev.attentionlab.engine.model.ScaleMode.INV_SQRT_DMODEL);
        assertThat(scale.find("half")).isNull();
        var mask = (Setting.Choice<dev.attentionlab.engine.model.MaskKind>) SettingCatalogue.MASK.kind();
        assertThat(mask.words()).containsExactly("none", "causal", "padding");
        assertThat(mask.keys()).isEqualTo("none, causal, padding, custom");
        assertThat(SettingCatalogue.TOP_K.description()).isEqualTo("keep the k most likely tokens (0 = off)");
    }
}
