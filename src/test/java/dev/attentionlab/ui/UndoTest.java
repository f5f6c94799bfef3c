package dev.attentionlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attentionlab.engine.model.MaskKind;
import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.TraceSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Edit → Undo / Redo on the view-model: one history for every kind of edit. */
class UndoTest {
    final SessionViewModel vm = new SessionViewModel(Scheduling.immediate());

    @Test
    void aBurstOfTypingIsOneStepAndEachKindOfEditIsItsOwn() {
        String start = vm.form.text.get();
        assertThat(vm.undoLabelProperty().get()).isEmpty();
        vm.form.text.set("the cat");
        vm.form.text.set("the cat sat"); // well within a second: the same burst
        vm.toggleMaskCell(0, 1);
        vm.form.attentionTemperature.set(2.0);
        vm.form.topK.set(3);

        assertThat(vm.undoLabelProperty().get()).isEqualTo("sampling setting");
        assertThat(vm.undo()).isTrue();
        assertThat(vm.form.topK.get()).isZero();
        assertThat(vm.undoLabelProperty().get()).isEqualTo("setting change");
        assertThat(vm.redoLabelProperty().get()).isEqualTo("sampling setting");

        vm.undo();
        assertThat(vm.form.attentionTemperature.get()).isEqualTo(1.0);
        assertThat(vm.trace().settings().attention().attentionTemperature()).isEqualTo(1.0);
        assertThat(vm.undoLabelProperty().get()).isEqualTo("mask edit");

        vm.undo();
        assertThat(vm.form.mask.get()).isEqualTo(MaskKind.NONE);
        assertThat(vm.trace().attention().mask().isMasked(0, 1)).isFalse();

        vm.undo();
        assertThat(vm.form.text.get()).isEqualTo(start);
        assertThat(vm.trace().settings().input().text()).isEqualTo(start);
        assertThat(vm.undo()).isFalse();

        vm.redo();
        vm.redo();
        assertThat(vm.form.text.get()).isEqualTo("the cat sat");
        assertThat(vm.form.mask.get()).isEqualTo(MaskKind.CUSTOM);
        assertThat(vm.trace().attention().mask().isMasked(0, 1)).isTrue();
        assertThat(vm.redoLabelProperty().get()).isEqualTo("setting change");

        vm.form.seed.set(7); // a new edit forgets what could be redone
        assertThat(vm.redoLabelProperty().get()).isEmpty();
        assertThat(vm.redo()).isFalse();
    }

    @Test
    void aPresetThatReplacedTheSentenceGivesItBackInOneStep() {
        vm.form.text.set("my own sentence");
        TraceSettings mine = vm.settings();
        vm.applyPreset(Preset.SMALL_MULTI_HEAD);
        assertThat(vm.form.text.get()).isNotEqualTo("my own sentence");
        assertThat(vm.undoLabelProperty().get()).isEqualTo("preset change"); // its own sentence came with it

        assertThat(vm.noticeProperty().get()).isEqualTo("Now preset small multi-head · seed 0 (Ctrl+Z undoes this): it replaced the sentence; "
                + "tokenizer word / notebook vocab → word / first-seen; d_model 3 → 16; heads 1 → 4; mask none → causal.");
        assertThat(SessionHistory.sourceName(vm.settings())).startsWith("preset " + Preset.SMALL_MULTI_HEAD.label());

        vm.undo();

        assertThat(vm.noticeProperty().get()).isEmpty();
        assertThat(vm.settings()).isEqualTo(mine);
        assertThat(vm.trace().heads()).isEqualTo(1);
        assertThat(vm.lesson.dirty.get()).isTrue();
    }

    @Test
    void lessonNotesAreEditsTooButOpeningALessonStartsAFreshHistory() {
        vm.lesson.title.set("Week 3");
        vm.lesson.sentences.setAll(List.of("one", "two"));
        assertThat(vm.undoLabelProperty().get()).isEqualTo("lesson notes");
        vm.undo();
        assertThat(vm.lesson.sentences).isEmpty();
        assertThat(vm.lesson.title.get()).isEqualTo("Week 3");
        vm.undo();
        assertThat(vm.lesson.title.get()).isEmpty();

        vm.form.text.set("something to lose");
        vm.load(dev.attentionlab.io.BundledLessons.load(dev.attentionlab.io.BundledLessons.FILES.get(0)), null);

        assertThat(vm.undoLabelProperty().get()).isEmpty();
        assertThat(vm.undo()).isFalse();

    }

    @Test
    void fileNewIsNotAnUndoableSwitchSoNoNoticeOffersCtrlZForIt() {
        vm.applyPreset(Preset.SMALL_MULTI_HEAD);
        assertThat(vm.noticeProperty().get()).contains("Ctrl+Z undoes this");
        vm.newLesson();
        assertThat(vm.undo()).isFalse();
        assertThat(vm.noticeProperty().get()).isEmpty();
    }

    @Test
    void aCheckpointSaysWhatItSwitchedAndTheNextEditClearsTheNotice() {
        vm.usePretrained(dev.attentionlab.io.PretrainedModels.open("src/test/resources/fixtures-gpt2/tiny-gpt2"));
        assertThat(vm.noticeProperty().get()).isEqualTo("Now tiny-gpt2 (Ctrl+Z undoes this): tokenizer " + dev.attentionlab.engine.tokenize.TokenizerKind.NOTEBOOK.label()
                + " → " + dev.attentionlab.engine.tokenize.TokenizerKind.BYTE_BPE.label() + "; d_model 3 → 8; heads 1 → 2; mask "
                + MaskKind.NONE.label() + " → " + MaskKind.CAUSAL.label() + ".");
        assertThat(SessionHistory.sourceName(vm.settings())).isEqualTo("tiny-gpt2");
        vm.form.text.set("Hello");
        assertThat(vm.noticeProperty().get()).isEmpty();
    }

    @Test
    void aLessonsBannerSaysWhenTheModelOnScreenIsNoLongerTheLessons() {
        vm.load(dev.attentionlab.io.BundledLessons.load("03-multi-head.json"), null);
        assertThat(vm.lesson.modelChangedProperty().get()).isFalse();
        vm.form.text.set("another sentence, same model");
        assertThat(vm.lesson.modelChangedProperty().get()).isFalse();
        vm.applyPreset(Preset.NOTEBOOK);
        assertThat(vm.lesson.modelChangedProperty().get()).isTrue();
        vm.undo();
        assertThat(vm.lesson.modelChangedProperty().get()).isFalse();
    }

    @Test
    void typingAfterAPauseIsASecondStep() throws Exception {
        String start = vm.form.text.get();
        vm.form.text.set("first words");
        Thread.sleep(1_100);
        vm.form.text.set("first words, then more");

        vm.undo();
        assertThat(vm.form.text.get()).isEqualTo("first words");
        vm.undo();
        assertThat(vm.form.text.get()).isEqualTo(start);
    }
}
