package dev.attentionlab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.MaskKind;
import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.TraceSettings;
import dev.attentionlab.io.Lesson;
import dev.attentionlab.io.LessonFile;
import dev.attentionlab.io.LessonFileTest;
import dev.attentionlab.io.Safetensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lessons and imported weights through the view-model, without a window. */
class LessonSessionTest {
    final SessionViewModel vm = new SessionViewModel(Scheduling.immediate());

    @TempDir
    Path dir;

    @Test
    void saveThenOpenRestoresEverythingAndClearsDirty() {
        vm.applyPreset(Preset.SMALL_MULTI_HEAD);
        vm.toggleMaskCell(3, 1);
        vm.lesson.title.set("Masks");
        vm.lesson.notes.set("Watch row 3");
        vm.selection.stepId.set("mask");
        assertThat(vm.lesson.dirty.get()).isTrue();
        Path f = dir.resolve("masks.json");
        vm.save(f);
        assertThat(vm.lesson.dirty.get()).isFalse();
        assertThat(vm.lesson.file.get()).isEqualTo(f);
        TraceSettings saved = vm.settings();

        SessionViewModel other = new SessionViewModel(Scheduling.immediate());
        other.open(f);
        assertThat(other.settings()).isEqualTo(saved);
        assertThat(other.trace().head(0).weights().get(3, 1)).isZero();
        assertThat(other.selection.stepId.get()).isEqualTo("mask");
        assertThat(other.lesson.title.get()).isEqualTo("Masks");
        assertThat(other.lesson.dirty.get()).isFalse();
        other.form.temperature.set(0.5);
        assertThat(other.lesson.dirty.get()).isTrue();
    }

    @Test
    void aBadFileLeavesTheSessionExactlyAsItWas() throws Exception {
        vm.applyPreset(Preset.SMALL_MULTI_HEAD);
        vm.lesson.title.set("mine");
        vm.save(dir.resolve("mine.json"));
        vm.form.text.set("The cat sat");
        TraceSettings before = vm.settings();
        var trace = vm.trace();
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"format\": \"attentionlab-lesson\", \"version\": 3, \"settings\": {}}");
        assertThatThrownBy(() -> vm.open(bad)).isInstanceOf(InvalidInputException.class).hasMessageContaining("newer AttentionLab");
        Files.writeString(bad, "{\"format\": \"attentionlab-lesson\", \"version\": 1, \"settings\": {\"d_model\": 5, \"heads\": 2, \"preset\": \"custom\"}}");
        assertThatThrownBy(() -> vm.open(bad)).hasMessage("bad.json: 2 heads do not divide d_model 5");
        assertThat(vm.settings()).isEqualTo(before);
        assertThat(vm.trace()).isSameAs(trace);
        assertThat(vm.lesson.title.get()).isEqualTo("mine");
        assertThat(vm.lesson.file.get()).isEqualTo(dir.resolve("mine.json"));
        assertThat(vm.lesson.dirty.get()).isTrue();
    }

    @Test
    void importedSafetensorsWeightsDriveTheTraceAndSaveWithTheLesson() throws Exception {
        Map<String, dev.attentionlab.engine.tensor.Matrix> sd = new LinkedHashMap<>();
        var rnd = new dev.attentionlab.engine.rng.TorchGenerator(9);
        var init = rnd.multiheadAttention(8);
        sd.put("in_proj_weight", init.inProjWeight());
        sd.put("out_proj.weight", init.outProjWeight());
        sd.put("weight", dev.attentionlab.engine.tensor.Matrix.of(20, 8, rnd.randn(160)));
        Path f = dir.resolve("model.safetensors");
        Files.write(f, Safetensors.write(sd, Set.of()));
        vm.applyPreset(Preset.SMALL_MULTI_HEAD);
        vm.form.tokenizer.set(dev.attentionlab.engine.tokenize.TokenizerKind.FIRST_SEEN);
        vm.importWeights(f);
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(vm.hasImportedWeights()).isTrue();
        assertThat(vm.trace().embedding().weight()).isEqualTo(sd.get("weight"));
        assertThat(vm.trace().weights().wq().get(0, 1)).isEqualTo(init.inProjWeight().get(1, 0));
        assertThat(vm.form.dModel.get()).isEqualTo(8);
        vm.save(dir.resolve("with-weights.json"));
        assertThat(LessonFile.read(dir.resolve("with-weights.json")).settings().model().weights().embedding()).isEqualTo(sd.get("weight"));
        vm.clearImportedWeights();
        assertThat(vm.trace().embedding().weight()).isNotEqualTo(sd.get("weight"));
    }

    @Test
    void importThatDoesNotFitNamesTheTensorAndChangesNothing() throws Exception {
        Map<String, dev.attentionlab.engine.tensor.Matrix> sd = new LinkedHashMap<>();
        sd.put("weight", dev.attentionlab.engine.tensor.Matrix.zeros(2, 16));
        Path f = dir.resolve("tiny.safetensors");
        Files.write(f, Safetensors.write(sd, Set.of()));
        vm.applyPreset(Preset.SMALL_MULTI_HEAD);
        TraceSettings before = vm.settings();
        assertThatThrownBy(() -> vm.importWeights(f)).hasMessageContaining("embedding weight has 2 rows but the tokenizer needs 10");
        assertThat(vm.settings()).isEqualTo(before);
        assertThat(vm.hasImportedWeights()).isFalse();
    }

    @Test
    void newLessonIsTheNotebookAndClean() {
        vm.applyPreset(Preset.SMALL_MULTI_HEAD);
        vm.form.mask.set(MaskKind.NONE);
        vm.lesson.title.set("x");
        vm.newLesson();
        assertThat(vm.settings()).isEqualTo(Preset.NOTEBOOK.defaults());
        assertThat(vm.lesson.title.get()).isEmpty();
        assertThat(vm.lesson.file.get()).isNull();
        assertThat(vm.lesson.dirty.get()).isFalse();
    }

    /** Opening a lesson in the window and saving it again keeps every field, those without a control too. */
    @Test
    void everyLessonFieldSurvivesTheWindow(@TempDir Path dir) {
        TraceSettings s = LessonFileTest.everything().toBuilder()
                .sourceText("I am Hello World").paddingIdx(1).build();
        Lesson lesson = new Lesson("Cross", "notes", s, "softmax", List.of("a", "b"));
        Path f = dir.resolve("cross.json");
        LessonFile.save(lesson, f);
        SessionViewModel vm = new SessionViewModel(Scheduling.immediate());
        vm.open(f);
        assertThat(vm.form.sourceText.get()).isEqualTo("I am Hello World");
        assertThat(vm.trace().isCrossAttention()).isTrue();
        assertThat(vm.toLesson()).isEqualTo(lesson);
        Path again = dir.resolve("again.json");
        vm.save(again);
        assertThat(LessonFile.read(again)).isEqualTo(lesson);
        vm.form.sourceText.set(null);
        assertThat(vm.trace().isCrossAttention()).isFalse();
        assertThat(vm.lesson.dirty.get()).isTrue();
    }

    @Test
    void theSessionReachesFilesOnlyThroughItsStore() {
        // An in-memory store: opening and saving work without a disk, and nothing else is read.
        java.util.Map<Path, Lesson> saved = new java.util.HashMap<>();
        var memory = new dev.attentionlab.io.SessionFiles() {
            @Override
            public Lesson readLesson(Path file) {
                Lesson l = saved.get(file);
                if (l == null) throw new InvalidInputException(file + " does not exist");
                return l;
            }

            @Override
            public void saveLesson(Lesson lesson, Path file) {
                saved.put(file, lesson);
            }

            @Override
            public dev.attentionlab.io.WeightsImport.Imported readWeights(Path file) {
                throw new InvalidInputException("no weights in " + file);
            }

            @Override
            public String readCorpus(Path file) {
                throw new InvalidInputException("no text in " + file);
            }

            @Override
            public dev.attentionlab.engine.model.TrainedModel readModel(Path file) {
                throw new InvalidInputException("no model in " + file);
            }

            @Override
            public void saveModel(dev.attentionlab.engine.model.TrainedModel model, Path file) {
                throw new InvalidInputException("read-only");
            }
        };
        SessionViewModel a = new SessionViewModel(Scheduling.immediate(), memory);
        a.form.text.set("the cat sat");
        a.lesson.title.set("Cats");
        Path nowhere = Path.of("/nowhere/cats.json");
        a.save(nowhere);
        assertThat(saved.get(nowhere).title()).isEqualTo("Cats");
        assertThat(a.lesson.dirty.get()).isFalse();

        SessionViewModel b = new SessionViewModel(Scheduling.immediate(), memory);
        b.open(nowhere);
        assertThat(b.form.text.get()).isEqualTo("the cat sat");
        assertThat(b.lesson.file.get()).isEqualTo(nowhere);
        assertThatThrownBy(() -> b.open(Path.of("/nowhere/else.json"))).hasMessage("/nowhere/else.json does not exist");
        assertThatThrownBy(() -> b.importWeights(Path.of("w.json"))).hasMessage("no weights in w.json");
        assertThat(b.form.text.get()).isEqualTo("the cat sat");
    }
}
