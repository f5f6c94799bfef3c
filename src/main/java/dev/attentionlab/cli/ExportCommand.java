package dev.attentionlab.cli;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.engine.trace.TraceEngine;
import dev.attentionlab.engine.trace.TraceSettings;
import dev.attentionlab.export.Export;
import dev.attentionlab.io.LessonFile;
import dev.attentionlab.render.ExportOptions;
import dev.attentionlab.render.Palette;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false, modelTransformer = SettingsOptions.Catalogued.class,
        description = "Export heatmaps, matrices, a step or the whole trace of a lesson (or of the settings given) without a display.")
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--lesson", paramLabel = "FILE", description = "a lesson file; without it the settings options below are used")
    Path lesson;

    @Option(names = "--what", required = true, description = "heads | grid | matrix:NAME | step:ID | trace")
    String what;

    @Option(names = "--format", defaultValue = "png", description = "png | svg | csv | json (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--scale", defaultValue = "1", description = "PNG scale, 1 to 4 (default: ${DEFAULT-VALUE})")
    double scale;

    @Option(names = "--palette", defaultValue = "viridis", description = "viridis | cividis | diverging (default: ${DEFAULT-VALUE})")
    String palette;

    @Option(names = "--values", negatable = true, defaultValue = "true", fallbackValue = "true", description = "print values in cells that fit")
    boolean values;

    @Option(names = "--transparent", description = "no background")
    boolean transparent;

    @Option(names = "--title", description = "replace the picture's title")
    String title;

    @Option(names = "--head", defaultValue = "1", description = "which head a step picture shows (default: ${DEFAULT-VALUE})")
    int head;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for the files")
    Path out;

    @Mixin
    SettingsOptions settings;

    @Override
    public Integer call() {
        if (!(scale >= 1 && scale <= 4)) throw new InvalidInputException("--scale must be between 1 and 4, got " + scale);
        Palette p;
        try {
            p = Palette.fromKey(palette);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        TraceSettings s = lesson != null ? LessonFile.read(lesson).settings() : settings.toSettings();
        Trace t = TraceEngine.compute(s);
        ExportOptions o = new ExportOptions(scale, values, p, transparent, title);
        java.util.List<Path> inputs = new java.util.ArrayList<>(settings.inputFiles());
        if (lesson != null) inputs.add(lesson);
        for (Path f : Export.write(t, what, Export.Format.of(format), o, out, head - 1, inputs)) spec.commandLine().getOut().println(f);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
