package dev.attentionlab.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.Setting;
import dev.attentionlab.engine.trace.SettingCatalogue;
import dev.attentionlab.engine.trace.SettingSamples;
import dev.attentionlab.engine.trace.TraceSettings;
import org.junit.jupiter.api.Test;

class SettingsJsonTest {
    @Test
    void everyCataloguedSettingIsWrittenUnderItsKeyAndReadBack() {
        for (Setting<?> s : SettingCatalogue.ALL) {
            TraceSettings changed = SettingSamples.notebookWithChanged(s);
            ObjectNode json = SettingsJson.of(changed);
            assertThat(json.has(s.key())).as(s.key()).isTrue();
            assertThat(s.of(SettingsJson.read(json, "settings"))).as(s.key()).isEqualTo(SettingSamples.changed(s));
        }
    }

    @Test
    void choicesAreWrittenByTheirKeysAndReadByAnySpelling() throws Exception {
        TraceSettings s = Preset.NOTEBOOK.defaults().toBuilder().fill(dev.attentionlab.engine.model.MaskFill.MINUS_1E9).build();
        assertThat(SettingsJson.of(s).get("fill").textValue()).isEqualTo("minus_1e9");
        assertThat(SettingsJson.of(s).get("scale").textValue()).isEqualTo("inv_sqrt_dk");
        ObjectNode o = (ObjectNode) Json.MAPPER.readTree("{\"fill\": \"-1e9\", \"scale\": \"sqrt-dmodel\"}");
        TraceSettings read = SettingsJson.read(o, "settings");
        assertThat(read.attention().fill()).isEqualTo(dev.attentionlab.engine.model.MaskFill.MINUS_1E9);
        assertThat(read.attention().scale()).isEqualTo(dev.attentionlab.engine.model.ScaleMode.INV_SQRT_DMODEL);
    }

    @Test
    void aWrongTypeOrAnUnknownChoiceNamesTheField() throws Exception {
        assertThatThrownBy(() -> SettingsJson.read(Json.MAPPER.readTree("{\"positional\": \"yes\"}"), "settings"))
                .isInstanceOf(InvalidInputException.class).hasMessage("settings.positional: expected true or false, got \"yes\"");
        assertThatThrownBy(() -> SettingsJson.read(Json.MAPPER.readTree("{\"scale\": \"half\"}"), "settings"))
                .hasMessage("settings.scale: 'half' is not one of inv_sqrt_dk, none, inv_sqrt_dmodel");
        assertThatThrownBy(() -> SettingsJson.read(Json.MAPPER.readTree("{\"text\": null}"), "settings"))
                .hasMessageStartingWith("settings.text: expected text, got");
        // an optional text may be null: no second sentence
        assertThat(SettingsJson.read(Json.MAPPER.readTree("{\"source_text\": null}"), "settings").input().sourceText()).isNull();
    }
}
