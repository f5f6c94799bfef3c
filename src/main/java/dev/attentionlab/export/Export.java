package dev.attentionlab.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.io.AtomicFiles;
import dev.attentionlab.io.Json;
import dev.attentionlab.io.MatrixExport;
import dev.attentionlab.io.TraceJson;
import dev.attentionlab.render.ExportOptions;
import dev.attentionlab.render.Picture;
import dev.attentionlab.render.PictureWriter;
import dev.attentionlab.render.PngEncoder;
import dev.attentionlab.render.TracePictures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes what the user asked for from a trace: {@code heads} (one file per head and the average),
 * {@code grid} (all heads in one picture), {@code matrix:NAME}, {@code step:ID} or {@code trace},
 * as PNG, SVG, CSV or JSON.
 */
public final class Export {
    public enum Format {
        PNG, SVG, CSV, JSON;

        public String extension() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Format of(String s) {
            for (Format f : values()) if (f.extension().equalsIgnoreCase(s)) return f;
            throw new InvalidInputException("unknown format '" + s + "' (use png, svg, csv or json)");
        }
    }

    private Export() {}

    /**
     * @param inputs files the export was made from (a lesson, weights): never written over
     * @return the files written, in order
     */
    public static List<Path> write(Trace t, String what, Format format, ExportOptions o, Path dir, int head, java.util.Collection<Path> inputs) {
        List<Path> out = new ArrayList<>();
        java.util.function.Function<String, Path> file = name -> {
            Path f = dir.resolve(name);
            AtomicFiles.refuseInput(f, inputs);
            return f;
        };
        if (what.equals("trace")) {
            if (format != Format.JSON) throw new InvalidInputException("the whole trace exports as json only");
            out.add(json(TraceJson.of(t), file.apply("trace.json")));
        } else if (what.equals("heads")) {
            for (int h = 0; h < t.heads(); h++) out.add(matrix(t, t.attentionMap(h).name(), format, o, file.apply("head" + (h + 1) + "." + format.extension())));
            if (t.heads() > 1) out.add(matrix(t, t.attentionMap(-1).name(), format, o, file.apply("head-average." + format.extension())));
        } else if (what.equals("grid")) {
            requirePicture(format, "grid");
            out.add(picture(TracePictures.grid(t, o), format, o, file.apply("grid." + format.extension())));
        } else if (what.startsWith("matrix:")) {
            String name = what.substring("matrix:".length());
            t.matrix(name);
            out.add(matrix(t, name, format, o, file.apply("matrix-" + name + "." + format.extension())));
        } else if (what.startsWith("step:")) {
            String id = what.substring("step:".length());
            requirePicture(format, "a step");
            if (head < 0 || head >= t.heads()) throw new InvalidInputException("head " + (head + 1) + " does not exist; the trace has " + t.heads());
            out.add(picture(TracePictures.step(t, id, head, o), format, o, file.apply("step-" + id + "." + format.extension())));
        } else {
            throw new InvalidInputException("unknown export '" + what + "' (use heads, grid, matrix:NAME, step:ID or trace)");
        }
        return out;
    }

    /** One matrix as a picture (PNG, SVG) or its numbers (CSV, JSON), written to {@code file}. */
    public static Path matrix(Trace t, String name, Format format, ExportOptions o, Path file) {
        return switch (format) {
            case CSV -> {
                AtomicFiles.writeString(file, MatrixExport.csv(t, name));
                yield file;
            }
            case JSON -> json(MatrixExport.json(t, name), file);
            case PNG, SVG -> picture(TracePictures.matrix(t, name, o), format, o, file);
        };
    }

    public static Path picture(Picture p, Format format, ExportOptions o, Path file) {
        if (format == Format.SVG) {
            AtomicFiles.writeString(file, PictureWriter.svg(p, o));
        } else {
            var image = PictureWriter.image(p, o);
            AtomicFiles.write(file, out -> PngEncoder.write(image, o.transparent(), out));
        }
        return file;
    }

    private static Path json(JsonNode node, Path file) {
        AtomicFiles.write(file, out -> {
            Json.write(node, out, true);
            out.write('\n');
        });
        return file;
    }

    private static void requirePicture(Format f, String what) {
        if (f != Format.PNG && f != Format.SVG) throw new InvalidInputException(what + " exports as png or svg; use matrix:NAME for csv or json");
    }
}
