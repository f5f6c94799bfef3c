package dev.attentionlab.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.AttentionWeights;
import dev.attentionlab.engine.model.ImportedWeights;
import dev.attentionlab.engine.model.MaskFill;
import dev.attentionlab.engine.model.MaskKind;
import dev.attentionlab.engine.model.ScaleMode;
import dev.attentionlab.engine.tensor.MaskMatrix;
import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.tokenize.TokenizerKind;
import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.TraceEngine;
import dev.attentionlab.engine.trace.TraceSettings;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class LessonFileTest {
    @TempDir
    Path dir;

    /** Every setting away from its default (for the round-trip tests here and in the window's). */
    public static TraceSettings everything() {
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

    /** Every bundled lesson is a version-1 file: it opens, saves as version 2, and reopens to the same numbers. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"01-the-notebook.json", "02-causal-masking.json", "03-multi-head.json",
            "04-scaled-vs-unscaled.json", "05-a-trained-model.json"})
    void versionOneLessonsOpenAndSaveAsVersionTwo(String name) throws Exception {
        String v1 = java.nio.file.Files.readString(java.nio.file.Path.of("assets/lessons", name));
        assertThat(Json.parse(v1, name).get("version").asInt()).isEqualTo(1);
        Lesson lesson = LessonFile.parse(v1, name);
        Path f = dir.resolve(name);
        LessonFile.save(lesson, f);
        com.fasterxml.jackson.databind.JsonNode v2 = Json.parse(java.nio.file.Files.readString(f), name);
        assertThat(v2.get("version").asInt()).isEqualTo(2);
        assertThat(v2.get("settings").get("source").asText()).isEqualTo(name.startsWith("05") ? "trained" : "seeded");
        assertThat(v2.get("settings").get("shown_block").asInt()).isEqualTo(lesson.settings().model().modelBlock() + 1);
        Lesson again = LessonFile.read(f);
        assertThat(SettingsJson.of(again.settings())).isEqualTo(SettingsJson.of(lesson.settings()));
        assertThat(again.title()).isEqualTo(lesson.title());
        assertThat(again.step()).isEqualTo(lesson.step());
        assertThat(TraceEngine.compute(again.settings()).matrices().values().stream().map(m -> m.toRows()).toList())
                .usingRecursiveComparison().isEqualTo(TraceEngine.compute(lesson.settings()).matrices().values().stream().map(m -> m.toRows()).toList());
    }

    @Test
    void aVersionTwoLessonWhoseSourceDoesNotMatchItsFieldsIsRefused() {
        String text = "{\"format\": \"attentionlab-lesson\", \"version\": 2, \"settings\": {\"source\": \"trained\"}}";
        assertThatThrownBy(() -> LessonFile.parse(text, "l.json"))
                .hasMessageContaining("settings.source is 'trained' but the settings hold seeded weights");
    }

    @Test
    void aLessonRoundTripsExactly() {
        TraceSettings s = everything();
        TraceEngine.compute(s);
        Lesson lesson = new Lesson("Title ü", "Notes\nline two", s, "softmax", List.of("Hello World", "I am"), "sampling");
        Path f = dir.resolve("l.json");
        LessonFile.save(lesson, f);
        Lesson back = LessonFile.read(f);
        assertThat(back).isEqualTo(lesson);
        assertThat(back.settings()).isEqualTo(s);
        LessonFile.save(back, dir.resolve("again.json"));
        assertThat(TextFiles.read(dir.resolve("again.json"))).isEqualTo(TextFiles.read(f));
    }

    @Test
    void aViewThatIsNotOneIsNamedWithTheOnesThatAre() throws Exception {
        Path f = dir.resolve("v.json");
        LessonFile.save(new Lesson("", "", Preset.NOTEBOOK.defaults(), "tokenize", List.of(), "heads"), f);
        assertThat(LessonFile.read(f).view()).isEqualTo("heads");
        java.nio.file.Files.writeString(f, java.nio.file.Files.readString(f).replace("\"heads\"", "\"charts\""));
        assertThatThrownBy(() -> LessonFile.read(f)).isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith(".view: 'charts' is not a view (pipeline, heads, compare, mask, sampling, train)");
    }

    /** A lesson on the pretrained model names it by its key (the 90 MB model stays in the jar) and reopens to the same settings. */
    @Test
    void aPretrainedLessonSavesTheModelsNameAndReopens() throws Exception {
        Lesson lesson = BundledLessons.load("06-a-pretrained-bert.json");
        Path f = dir.resolve("bert.json");
        LessonFile.save(lesson, f);
        com.fasterxml.jackson.databind.JsonNode saved = Json.parse(java.nio.file.Files.readString(f), "bert.json");
        assertThat(saved.get("settings").get("source").asText()).isEqualTo("pretrained");
        assertThat(saved.get("settings").get("pretrained").asText()).isEqualTo("all-minilm-l6-v2");
        assertThat(java.nio.file.Files.size(f)).isLessThan(10_000);
        Lesson again = LessonFile.read(f);
        assertThat(SettingsJson.of(again.settings())).isEqualTo(SettingsJson.of(lesson.settings()));
        assertThat(again.settings().model().pretrained()).isSameAs(lesson.settings().model().pretrained());
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
        assertThat(BundledLessons.load("03-multi-head.json").settings().model().heads()).isEqualTo(8);
        var bert = BundledLessons.load("06-a-pretrained-bert.json");
        assertThat(bert.settings().model().pretrained().key()).isEqualTo("all-minilm-l6-v2");
        assertThat(bert.settings().model().modelBlock()).isEqualTo(3);
        assertThat(bert.sentences()).hasSize(3);
        var trained = TraceEngine.compute(BundledLessons.load("05-a-trained-model.json").settings());
        assertThat(trained.settings().model().trained().step()).isEqualTo(2000);
        int v = trained.vocabEntries().stream().map(dev.attentionlab.engine.tokenize.Vocabulary.Entry::text).toList().indexOf("v");
        assertThat(trained.sampling().probs().get(0, v)).as("'Ida ga' → 'v'").isGreaterThan(0.9f);
    }

    static Stream<String[]> bad() {
        return Stream.of(
                new String[] {"{\"format\": \"attentionlab-lesson\", \"version\": 1, \"settings\": {", "is not valid JSON (line 1"},
                new String[] {"[1, 2]", "is not an AttentionLab lesson (expected a JSON object)"},
                new String[] {"{\"format\": \"something-else\", \"version\": 1}", "is not an AttentionLab lesson (its format is 'something-else'"},
                new String[] {"{\"format\": \"attentionlab-lesson\", \"version\": 7, \"settings\": {}}",
                        "was written by a newer AttentionLab (lesson version 7; this version reads up to 2)"},
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

    @Test
    void textIsKeptExactlyEvenALoneSurrogate() throws IOException {
        String text = "Hello \uDC00 World \uD83D\uDE00 caf\u00e9 \uD800";
        Lesson lesson = new Lesson("t \uDBFF", "n", Preset.NOTEBOOK.defaults().toBuilder().text(text).build(), "tokenize", List.of(text));
        Path f = dir.resolve("surrogates.json");
        LessonFile.save(lesson, f);
        assertThat(TextFiles.read(f)).contains("\\udc00").contains("café");
        Lesson back = LessonFile.read(f);
        assertThat(back.settings().input().text()).isEqualTo(text);
        assertThat(back.title()).isEqualTo("t \uDBFF");
        assertThat(back.sentences()).containsExactly(text);
    }

    @Test
    void largeImportedWeightsAreSavedCompactlyAndOpenAgain() {
        float[] e = new float[8192 * 512];
        for (int i = 0; i < e.length; i++) e[i] = (float) Math.sin(i) / 3;
        Matrix embedding = Matrix.of(8192, 512, e);
        TraceSettings s = Preset.CUSTOM.defaults().toBuilder().dModel(512).heads(8).dk(64).dv(64).vocabSize(0)
                .weights(new ImportedWeights(embedding, null)).build();
        Path f = dir.resolve("big-embedding.json");
        LessonFile.save(new Lesson("", "", s, "tokenize", List.of()), f);
        assertThat(f.toFile().length()).isLessThan(TextFiles.MAX_BYTES).isGreaterThan(4L * e.length);
        Lesson back = LessonFile.read(f);
        assertThat(back.settings().model().weights().embedding()).isEqualTo(embedding);
        assertThat(back.settings()).isEqualTo(s);
    }

    @Test
    void aLessonThatWouldNotOpenAgainIsNotWritten() throws IOException {
        Path f = dir.resolve("huge.json");
        Files.writeString(f, "previous");
        Lesson huge = new Lesson("", "n".repeat(70_000_000), Preset.NOTEBOOK.defaults(), "tokenize", List.of());
        assertThatThrownBy(() -> LessonFile.save(huge, f)).isInstanceOf(InvalidInputException.class)
                .hasMessage("could not save " + f + ": the lesson would be over 64 MiB, which AttentionLab does not open; use smaller imported weights or inputs");
        assertThat(Files.readString(f)).isEqualTo("previous");
    }

    @Test
    void aByteOrderMarkIsAllowed() throws IOException {
        Path f = dir.resolve("bom.json");
        byte[] text = LessonFile.toJson(new Lesson("BOM", "", Preset.NOTEBOOK.defaults(), "tokenize", List.of())).toString().getBytes();
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        Files.write(f, withBom);
        assertThat(LessonFile.read(f).title()).isEqualTo("BOM");
    }

    @Test
    void temporaryFilesThatAKilledSaveLeftAreCleanedUp() throws IOException {
        Path f = dir.resolve("lesson.json");
        Path stale = dir.resolve(".lesson.json123456.tmp");
        Path fresh = dir.resolve(".lesson.json987654.tmp");
        Path other = dir.resolve(".other.json111.tmp");
        for (Path p : List.of(stale, fresh, other)) Files.writeString(p, "half a lesson");
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofHours(2)));
        Files.setLastModifiedTime(stale, old);
        Files.setLastModifiedTime(other, old);
        LessonFile.save(new Lesson("", "", Preset.NOTEBOOK.defaults(), "tokenize", List.of()), f);
        assertThat(stale).doesNotExist();
        assertThat(fresh).as("young: another save may be writing it").exists();
        assertThat(other).as("another file's").exists();
        assertThat(LessonFile.read(f).step()).isEqualTo("tokenize");
    }

    @Test
    void readsSayWhyTheyFailed() throws IOException {
        Path through = Files.writeString(dir.resolve("plain.txt"), "x").resolve("lesson.json");
        assertThatThrownBy(() -> LessonFile.read(through)).hasMessage("cannot read " + through + ": " + dir.resolve("plain.txt") + " is a file, not a folder");
        assertThatThrownBy(() -> LessonFile.read(dir)).hasMessage(dir + " is a folder, not a file");
        assertThatThrownBy(() -> LessonFile.read(Path.of("/dev/zero"))).hasMessage("/dev/zero is not a regular file (a pipe, a device or a socket); only files are opened");
        assertThatThrownBy(() -> LessonFile.save(new Lesson("", "", Preset.NOTEBOOK.defaults(), "tokenize", List.of()), through))
                .hasMessageStartingWith("could not save " + through + ": " + dir.resolve("plain.txt") + " is a file, not a folder");
    }
}
