package dev.attentionlab.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attentionlab.engine.AttentionWeights;
import dev.attentionlab.engine.ImportedWeights;
import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.MaskFill;
import dev.attentionlab.engine.MaskKind;
import dev.attentionlab.engine.MaskMatrix;
import dev.attentionlab.engine.Matrix;
import dev.attentionlab.engine.Preset;
import dev.attentionlab.engine.ScaleMode;
import dev.attentionlab.engine.TokenizerKind;
import dev.attentionlab.engine.TraceEngine;
import dev.attentionlab.engine.TraceSettings;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonFileTest {
    @TempDir
    Path dir;

    static TraceSettings everything() {
        Matrix w = Matrix.fromRows(new float[][] {{1, 0.5f, -2}, {0.25f, 1e-7f, 3}, {0, 1, Float.MIN_VALUE}});
        return Preset.NOTEBOOK.defaults().toBuilder().text("Hello World I am").sourceText(null).tokenizer(TokenizerKind.NOTEBOOK)
                .bpeMerges(17).bpeCorpus("corpus text, with \"quotes\"").preset(Preset.CUSTOM).seed(-5).vocabSize(0).dModel(3)
                .heads(1).dk(3).dv(3).paddingIdx(-1).maxNorm(2.5).normType(1.0).positional(true).mask(MaskKind.CUSTOM)
                .customMask(MaskMatrix.causal(4, 4).toggled(3, 0)).padTo(0).fill(MaskFill.MINUS_1E9).scale(ScaleMode.INV_SQRT_DMODEL)
                .attentionTemperature(0.37).residualNorm(true).temperature(0.123456789).topK(3).topP(0.91).sampleSeed(Long.MIN_VALUE)
                .weights(new ImportedWeights(null, new AttentionWeights(w, w.transpose(), w, Matrix.rowVector(new float[] {1, 2, 3}),
                        null, null, w, Matrix.rowVector(new float[] {0.1f, 0.2f, 0.3f}))))
                .build();
    }

    @Test
    void aLessonRoundTripsExactly() {
        TraceSettings s = everything();
        TraceEngine.compute(s);
        Lesson lesson = new Lesson("Title ü", "Notes\nline two", s, "softmax", List.of("Hello World", "I am"));
        Path f = dir.resolve("l.json");
        LessonFile.save(lesson, f);
        Lesson back = LessonFile.read(f);
        assertThat(back).isEqualTo(lesson);
        assertThat(back.settings()).isEqualTo(s);
        LessonFile.save(back, dir.resolve("again.json"));
        assertThat(TextFiles.read(dir.resolve("again.json"))).isEqualTo(TextFiles.read(f));
    }

    @Test
    void bundledLessonsOpenAndCompute() {
        for (String name : BundledLessons.FILES) {
            Lesson l = BundledLessons.load(name);
            assertThat(l.title()).isNotBlank();
            assertThat(l.notes()).isNotBlank();
            assertThat(TraceEngine.compute(l.settings()).stepIds()).contains(l.step());
            assertThat(LessonFile.read(Path.of("assets/lessons", name))).isEqualTo(l);
        }
        assertThat(BundledLessons.load("01-the-notebook.json").settings()).isEqualTo(Preset.NOTEBOOK.defaults());
        assertThat(BundledLessons.load("03-multi-head.json").settings().heads()).isEqualTo(8);
        var trained = TraceEngine.compute(BundledLessons.load("05-a-trained-model.json").settings());
        assertThat(trained.settings().model().step()).isEqualTo(2000);
        int v = trained.vocabEntries().stream().map(dev.attentionlab.engine.Vocabulary.Entry::text).toList().indexOf("v");
        assertThat(trained.sampling().probs().get(0, v)).as("'Ida ga' → 'v'").isGreaterThan(0.9f);
    }

    static Stream<String[]> bad() {
        return Stream.of(
                new String[] {"{\"format\": \"attentionlab-lesson\", \"version\": 1, \"settings\": {", "is not valid JSON (line 1"},
                new String[] {"[1, 2]", "is not an AttentionLab lesson (expected a JSON object)"},
                new String[] {"{\"format\": \"something-else\", \"version\": 1}", "is not an AttentionLab lesson (its format is 'something-else'"},
                new String[] {"{\"format\": \"attentionlab-lesson\", \"version\": 7, \"settings\": {}}",
                        "was written by a newer AttentionLab (lesson version 7; this version reads up to 1)"},
                new String[] {"{\"format\": \"attentionlab-lesson\", \"version\": 1, \"settings\": {\"mask\": \"diagonal\"}}",
                        "settings.mask: 'diagonal' is not one of none, causal, padding, custom"},
                new String[] {"{\"format\": \"attentionlab-lesson\", \"version\": 1, \"settings\": {\"mask\": \"custom\", \"custom_mask\": [[false, true], [false, false]]}}",
                        "the custom mask is 2×2 but attention here is 10×10"},
                new String[] {"{\"format\": \"attentionlab-lesson\", \"version\": 1, \"settings\": {\"preset\": \"custom\", \"d_model\": 2, \"heads\": 1, \"d_k\": 2, \"d_v\": 2,"
                        + " \"weights\": {\"W_q\": [[1, 0], [0, 1]], \"W_k\": [[1, 0], [0, 1]], \"W_v\": [[1, 0, 0], [0, 1, 0]]}}}",
                        "W_v is 2×3 but heads × d_v = 2"},
                new String[] {"{\"format\": \"attentionlab-lesson\", \"version\": 1, \"settings\": {\"heads\": \"two\"}}",
                        "settings.heads: expected an integer, got \"two\""},
                new String[] {"{\"format\": \"attentionlab-lesson\", \"version\": 1, \"step\": \"nap\", \"settings\": {}}",
                        "step: 'nap' is not a step of this lesson"},
                new String[] {"{\"format\": \"attentionlab-lesson\", \"version\": 1, \"settings\": {\"weights\": {\"W_q\": [[\"NaN\"]], \"W_k\": [[1]], \"W_v\": [[1]]}}}",
                        "settings.weights.W_q[0][0] is NaN"});
    }

    @Test
    void everyBadFileIsOneClearMessage() throws IOException {
        int i = 0;
        for (String[] c : bad().toList()) {
            Path f = dir.resolve("bad" + i++ + ".json");
            Files.writeString(f, c[0]);
            assertThatThrownBy(() -> LessonFile.read(f)).as(c[0]).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(c[1]).hasMessageStartingWith(f.getFileName().toString());
        }
    }

    @Test
    void filesOver64MiBAreNotOpened() throws IOException {
        Path big = dir.resolve("big.json");
        try (RandomAccessFile r = new RandomAccessFile(big.toFile(), "rw")) {
            r.setLength(65L * 1024 * 1024);
        }
        assertThatThrownBy(() -> LessonFile.read(big)).hasMessage(big + " is 65 MiB; files over 64 MiB are not opened");
        assertThatThrownBy(() -> LessonFile.read(dir.resolve("missing.json"))).hasMessage(dir.resolve("missing.json") + " does not exist");
        Files.write(dir.resolve("latin1.json"), new byte[] {'{', (byte) 0xe9, '}'});
        assertThatThrownBy(() -> LessonFile.read(dir.resolve("latin1.json"))).hasMessageEndingWith("is not UTF-8 text");
    }

    @Test
    void aFailedSaveLeavesTheOldFileWholeAndNoTemporaryFiles() throws IOException {
        Path f = dir.resolve("lesson.json");
        LessonFile.save(new Lesson("old", "", Preset.NOTEBOOK.defaults(), "tokenize", List.of()), f);
        String before = Files.readString(f);
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            out.write("{\"format\": \"attentionlab-lesson\", \"ver".getBytes());
            throw new IOException("No space left on device");
        })).hasMessage("could not save " + f + ": No space left on device (the previous file, if any, is unchanged)");
        assertThat(Files.readString(f)).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("lesson.json");
        }
        assertThat(Files.getPosixFilePermissions(f)).extracting(Object::toString).contains("OTHERS_READ");
    }
}
