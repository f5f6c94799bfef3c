package dev.attentionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attentionlab.engine.trace.TraceEngine;
import dev.attentionlab.io.LessonFile;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `export` end to end, headless, from a lesson file and from options. */
class ExportCommandTest {
    @TempDir
    Path out;

    /** With the −1e9 fill a fully masked row is uniform: its numbers show through the hatching, as does the fill. */
    @Test
    void maskedCellsShowNumbersThatAreNotZero() throws Exception {
        Path lesson = out.resolve("full-row.json");
        Files.writeString(lesson, """
                {"format": "attentionlab-lesson", "version": 1, "settings": {"preset": "small_multi_head", "text": "the cat sat on",
                 "mask": "custom", "fill": "minus_1e9", "custom_mask": [[false, true, true, true], [true, true, true, true],
                 [false, false, false, true], [false, false, false, false]]}}""");
        java.util.function.Function<String, String> svg = m -> {
            CliTest.Run r = CliTest.run("export", "--lesson", lesson.toString(), "--what", "matrix:" + m, "--format", "svg", "--out", out.toString());
            assertThat(r.code()).as(r.err()).isZero();
            try {
                return Files.readString(Path.of(r.out().strip()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        String weights = svg.apply("h1.weights");
        assertThat(weights.split(">0\\.25</text>", -1)).hasSize(5);
        String scores = svg.apply("h1.scores_masked");
        assertThat(scores.split("1e9</text>", -1)).as("the 8 masked cells").hasSize(9);
    }

    @Test
    void exportsALessonAsEveryFormat() throws Exception {
        String lesson = "assets/lessons/03-multi-head.json";
        CliTest.Run png = CliTest.run("export", "--lesson", lesson, "--what", "grid", "--format", "png", "--scale", "2", "--out", out.toString());
        assertThat(png.code()).isZero();
        assertThat(png.out().strip()).isEqualTo(out.resolve("grid.png").toString());
        BufferedImage img = ImageIO.read(out.resolve("grid.png").toFile());
        assertThat(img.getWidth()).isGreaterThan(1000);

        assertThat(CliTest.run("export", "--lesson", lesson, "--what", "heads", "--format", "svg", "--out", out.toString()).code()).isZero();
        assertThat(out.resolve("head8.svg")).exists();
        assertThat(out.resolve("head-average.svg")).exists();
        assertThat(Files.readString(out.resolve("head3.svg"))).contains("<text").contains(">animal</text>");

        assertThat(CliTest.run("export", "--lesson", lesson, "--what", "matrix:h2.scores_raw", "--format", "csv", "--out", out.toString()).code()).isZero();
        var trace = TraceEngine.compute(LessonFile.read(Path.of(lesson)).settings());
        String[] firstRow = Files.readAllLines(out.resolve("matrix-h2.scores_raw.csv")).get(1).split(",");
        assertThat(Float.parseFloat(firstRow[1])).isEqualTo(trace.head(1).scoresRaw().get(0, 0));

        assertThat(CliTest.run("export", "--lesson", lesson, "--what", "step:concat", "--format", "png", "--head", "3", "--out", out.toString()).code()).isZero();
        assertThat(CliTest.run("export", "--lesson", lesson, "--what", "trace", "--format", "json", "--out", out.toString()).code()).isZero();
        assertThat(Files.readString(out.resolve("trace.json"))).contains("\"format\" : \"attentionlab-trace\"");
    }

    @Test
    void exportsFromSettingsOptionsWithoutALesson() throws Exception {
        CliTest.Run r = CliTest.run("export", "--preset", "notebook", "--what", "matrix:h1.weights", "--format", "png",
                "--palette", "cividis", "--no-values", "--transparent", "--title", "Notebook weights", "--out", out.toString());
        assertThat(r.code()).isZero();
        BufferedImage img = ImageIO.read(out.resolve("matrix-h1.weights.png").toFile());
        assertThat(img.getRGB(0, 0) >>> 24).isZero();
    }

    @Test
    void badExportRequestsAreOneLineErrors() throws Exception {
        String o = out.toString();
        CliTest.assertOneLineError(CliTest.run("export", "--what", "pie", "--out", o), "unknown export 'pie'");
        CliTest.assertOneLineError(CliTest.run("export", "--what", "grid", "--format", "gif", "--out", o), "unknown format 'gif'");
        CliTest.assertOneLineError(CliTest.run("export", "--what", "grid", "--scale", "5", "--out", o), "--scale must be between 1 and 4, got 5.0");
        CliTest.assertOneLineError(CliTest.run("export", "--what", "grid", "--palette", "jet", "--out", o), "unknown palette 'jet'");
        CliTest.assertOneLineError(CliTest.run("export", "--what", "matrix:h9.Q", "--out", o), "no matrix 'h9.Q'");
        CliTest.assertOneLineError(CliTest.run("export", "--lesson", "/no/lesson.json", "--what", "grid", "--out", o), "/no/lesson.json does not exist");
        Path bad = out.resolve("bad.json");
        Files.writeString(bad, "{\"format\": \"attentionlab-lesson\", \"version\": 99}");
        CliTest.assertOneLineError(CliTest.run("export", "--lesson", bad.toString(), "--what", "grid", "--out", o), "newer AttentionLab");
        CliTest.assertOneLineError(CliTest.run("export", "--what", "grid"), "Missing required option: '--out=DIR'");
    }
}
