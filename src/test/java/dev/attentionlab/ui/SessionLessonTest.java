package dev.attentionlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attentionlab.engine.model.MaskKind;
import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.TraceSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SessionLessonTest {
    final SessionLesson lesson = new SessionLesson();

    @Test
    void everyEditCountsAndTheFirstMakesItDirtyUntilItIsWritten() {
        lesson.edited();
        lesson.edited();
        assertThat(lesson.editsProperty().get()).isEqualTo(2);
        assertThat(lesson.dirty.get()).isTrue();
        lesson.clean(Path.of("mine.json"));
        assertThat(lesson.dirty.get()).isFalse();
        assertThat(lesson.file.get()).isEqualTo(Path.of("mine.json"));
        assertThat(lesson.editsProperty().get()).as("the autosave follows edits, not saves").isEqualTo(2);
    }

    @Test
    void theNotesStopFittingWhenTheModelChangesNotWhenTheSentenceOrMaskDoes() {
        TraceSettings written = Preset.SMALL_MULTI_HEAD.defaults();
        lesson.check(written);
        assertThat(lesson.modelChangedProperty().get()).as("no lesson open").isFalse();
        lesson.writtenFor(written);
        lesson.check(written.toBuilder().text("another sentence").mask(MaskKind.NONE).temperature(0.3).build());
        assertThat(lesson.modelChangedProperty().get()).isFalse();
        lesson.check(written.toBuilder().heads(2).build());
        assertThat(lesson.modelChangedProperty().get()).isTrue();
        lesson.check(Preset.NOTEBOOK.defaults());
        assertThat(lesson.modelChangedProperty().get()).isTrue();
        lesson.check(written);
        assertThat(lesson.modelChangedProperty().get()).isFalse();
    }
}
