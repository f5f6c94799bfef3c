package dev.attentionlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.TraceSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The undo history on its own, without a session or a window. */
class SessionHistoryTest {
    static SessionHistory.Snapshot of(TraceSettings s) {
        return new SessionHistory.Snapshot(s, null, "", "", List.of());
    }

    @Test
    void aBurstOfTypingIsOneStepAndAPresetSwitchSaysWhatItChanged() {
        TraceSettings notebook = Preset.NOTEBOOK.defaults();
        SessionHistory h = new SessionHistory(of(notebook));
        assertThat(h.undoLabel().get()).isEmpty();
        assertThat(h.record(of(notebook))).isFalse(); // nothing changed, no step

        assertThat(h.record(of(notebook.toBuilder().text("Hello").build()))).isTrue();
        assertThat(h.record(of(notebook.toBuilder().text("Hello World").build()))).isTrue();
        assertThat(h.undoLabel().get()).isEqualTo("typing");
        assertThat(h.notice().get()).isEmpty();

        TraceSettings multi = Preset.SMALL_MULTI_HEAD.defaults();
        h.record(of(multi));
        assertThat(h.undoLabel().get()).isEqualTo("preset change");
        assertThat(h.notice().get()).startsWith("Now preset " + Preset.SMALL_MULTI_HEAD.label() + " · seed 0 (Ctrl+Z undoes this): ")
                .contains("it replaced the sentence", "d_model 3 → 16", "heads 1 → 4");

        assertThat(h.undo().settings().input().text()).isEqualTo("Hello World");
        h.moved();
        assertThat(h.notice().get()).isEmpty();
        assertThat(h.redoLabel().get()).isEqualTo("preset change");
        // The two keystrokes were one step: one more Undo is back at the start.
        assertThat(h.undo().settings()).isEqualTo(notebook);
        h.moved();
        assertThat(h.undo()).isNull();
    }
}
