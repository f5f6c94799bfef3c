package dev.attentionlab.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.engine.trace.TraceEngine;
import dev.attentionlab.io.Json;
import dev.attentionlab.io.TextFiles;
import dev.attentionlab.render.ExportOptions;
import dev.attentionlab.render.HeatmapPainter;
import dev.attentionlab.render.HeatmapSpec;
import dev.attentionlab.render.Java2DSurface;
import dev.attentionlab.render.Palette;
import dev.attentionlab.render.TracePictures;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** PNG pixels, SVG structure and CSV/JSON numbers of exports, checked against the engine's values. */
class ExportTest {
    static final Trace T = TraceEngine.compute(Preset.SMALL_MULTI_HEAD.defaults());

    @TempDir
    Path dir;

    @Test
    void pngCellsHaveThePaletteColourOfTheEnginesValue() throws Exception {
        for (Palette palette : Palette.values()) {
            ExportOptions o = new ExportOptions(2, true, palette, false, null);
            Path file = Export.write(T, "matrix:h2.weights", Export.Format.PNG, o, dir, 0, java.util.List.of()).get(0);
            BufferedImage img = ImageIO.read(file.toFile());
            HeatmapSpec spec = TracePictures.matrixSpec(T, "h2.weights", o);
            HeatmapPainter.Layout l = HeatmapPainter.layout(spec, new Java2DSurface(img.createGraphics(), 1));
            assertThat(img.getWidth()).isEqualTo((int) Math.ceil((l.width() + 20) * 2));
            assertThat(img.getHeight()).isEqualTo((int) Math.ceil((l.height() + 20) * 2));
            Matrix w = T.head(1).weights();
            for (int[] rc : new int[][] {{0, 0}, {5, 2}, {10, 3}, {10, 10}}) {
                int x = (int) ((10 + l.gridX() + (rc[1] + 0.15) * l.cell()) * 2);
                int y = (int) ((10 + l.gridY() + (rc[0] + 0.15) * l.cell()) * 2);
                int expected = spec.scale().rgb(w.get(rc[0], rc[1]));
                assertThat(img.getRGB(x, y) & 0xffffff).as("%s cell %d,%d", palette, rc[0], rc[1]).isEqualTo(expected);
            }
            int masked = img.getRGB((int) ((10 + l.gridX() + 10.5 * l.cell()) * 2), (int) ((10 + l.gridY() + 0.5 * l.cell()) * 2));
            int r = (masked >> 16) & 0xff;
            int g = (masked >> 8) & 0xff;
            int b = masked & 0xff;
            assertThat(Math.max(Math.abs(r - g), Math.abs(g - b))).as("a masked cell is grey (fill or stripe)").isLessThanOrEqualTo(2);
            assertThat(r).isBetween(0x80, 0xd6);
            assertThat(img.getRGB(1, 1) & 0xffffff).isEqualTo(0xffffff);
        }
    }

    @Test
    void transparentBackgroundAndScaleChangeTheImage() throws Exception {
        ExportOptions one = new ExportOptions(1, false, Palette.CIVIDIS, true, "My title");
        BufferedImage a = ImageIO.read(Export.write(T, "matrix:X", Export.Format.PNG, one, dir, 0, java.util.List.of()).get(0).toFile());
        BufferedImage b = ImageIO.read(Export.write(T, "matrix:X", Export.Format.PNG, one.withScale(4), dir.resolve("4x"), 0, java.util.List.of()).get(0).toFile());
        assertThat(a.getRGB(1, 1) >>> 24).as("alpha").isZero();
        assertThat(b.getWidth()).isBetween(a.getWidth() * 4 - 4, a.getWidth() * 4 + 4);
    }

    @Test
    void svgIsRealVectorWithLabelsAndOneRectPerCell() throws Exception {
        Path file = Export.write(T, "matrix:h1.weights", Export.Format.SVG, ExportOptions.defaults(), dir, 0, java.util.List.of()).get(0);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(Files.readAllBytes(file)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        List<String> texts = new ArrayList<>();
        NodeList t = doc.getElementsByTagName("text");
        for (int i = 0; i < t.getLength(); i++) texts.add(t.item(i).getTextContent());
        assertThat(texts).contains("The", "cat", "tired", "head 1 · A = softmax   11×11");
        NodeList rects = doc.getElementsByTagName("rect");
        List<Element> cells = new ArrayList<>();
        for (int i = 0; i < rects.getLength(); i++) {
            Element e = (Element) rects.item(i);
            if (e.getAttribute("class").equals("cell")) cells.add(e);
        }
        assertThat(cells).hasSize(11 * 11);
        Matrix w = T.head(0).weights();
        String title = cells.get(2 * 11 + 1).getElementsByTagName("title").item(0).getTextContent();
        assertThat(title).isEqualTo("[2][1] sat → cat = " + w.get(2, 1));
        assertThat(cells.get(3).getElementsByTagName("title").item(0).getTextContent()).endsWith("(masked)");
    }

    @Test
    void csvRoundTripsTheNumbersExactly() throws Exception {
        for (String name : List.of("h1.scores_masked", "X", "logits")) {
            Path file = Export.write(T, "matrix:" + name, Export.Format.CSV, ExportOptions.defaults(), dir, 0, java.util.List.of()).get(0);
            List<List<String>> rows = parseCsv(Files.readString(file, StandardCharsets.UTF_8));
            Matrix m = T.matrix(name);
            assertThat(rows).hasSize(m.rows() + 1);
            for (int i = 0; i < m.rows(); i++) {
                for (int j = 0; j < m.cols(); j++) {
                    assertThat(Float.parseFloat(rows.get(i + 1).get(j + 1))).isEqualTo(m.get(i, j));
                }
            }
            if (name.equals("logits")) assertThat(rows.get(0).subList(1, rows.get(0).size())).containsExactly("the", "cat", "sat", "on", "mat", "because", "it", "was", "tired", ".");
        }
    }

    @Test
    void jsonMatrixAndWholeTrace() throws Exception {
        Path m = Export.write(T, "matrix:h3.context", Export.Format.JSON, ExportOptions.defaults(), dir, 0, java.util.List.of()).get(0);
        var node = TextFiles.readJson(m);
        assertThat(Json.matrix(node.get("values"), "values")).isEqualTo(T.matrix("h3.context"));
        assertThat(node.get("row_labels").get(1).asText()).isEqualTo("cat");
        Path trace = Export.write(T, "trace", Export.Format.JSON, ExportOptions.defaults(), dir, 0, java.util.List.of()).get(0);
        var tj = TextFiles.readJson(trace);
        assertThat(Json.matrix(tj.get("heads").get(2).get("weights"), "w")).isEqualTo(T.head(2).weights());
        assertThat(tj.get("format").asText()).isEqualTo("attentionlab-trace");
    }

    @Test
    void headsGridAndStepWriteTheirFiles() throws Exception {
        ExportOptions o = new ExportOptions(2, true, Palette.VIRIDIS, false, null);
        assertThat(Export.write(T, "heads", Export.Format.PNG, o, dir, 0, java.util.List.of())).extracting(p -> p.getFileName().toString())
                .containsExactly("head1.png", "head2.png", "head3.png", "head4.png", "head-average.png");
        BufferedImage grid = ImageIO.read(Export.write(T, "grid", Export.Format.PNG, o, dir, 0, java.util.List.of()).get(0).toFile());
        BufferedImage one = ImageIO.read(dir.resolve("head1.png").toFile());
        assertThat(grid.getWidth()).isGreaterThan(one.getWidth() * 2);
        Path step = Export.write(T, "step:softmax", Export.Format.SVG, o, dir, 1, java.util.List.of()).get(0);
        String svg = Files.readString(step);
        assertThat(svg).contains("8 / 15   Softmax").contains("head 2 · A = softmax").doesNotContain("head 1 · A");
        assertThatThrownBy(() -> Export.write(T, "grid", Export.Format.CSV, o, dir, 0, java.util.List.of())).hasMessageContaining("exports as png or svg");
        assertThatThrownBy(() -> Export.write(T, "matrix:nope", Export.Format.CSV, o, dir, 0, java.util.List.of())).hasMessageContaining("no matrix 'nope'");
        assertThatThrownBy(() -> Export.write(T, "step:nope", Export.Format.PNG, o, dir, 0, java.util.List.of())).hasMessageContaining("no step 'nope'");
        assertThatThrownBy(() -> Export.write(T, "pie", Export.Format.PNG, o, dir, 0, java.util.List.of())).hasMessageContaining("unknown export 'pie'");
    }

    /** RFC 4180: quoted fields with doubled quotes. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            List<String> fields = new ArrayList<>();
            StringBuilder f = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    fields.add(f.toString());
                    f.setLength(0);
                } else {
                    f.append(c);
                }
            }
            fields.add(f.toString());
            rows.add(fields);
        }
        return rows;
    }
}
