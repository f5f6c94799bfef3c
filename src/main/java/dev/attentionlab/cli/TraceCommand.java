package dev.attentionlab.cli;

import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.engine.trace.TraceEngine;
import dev.attentionlab.io.Json;
import dev.attentionlab.io.TraceJson;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "trace", mixinStandardHelpOptions = true, sortOptions = false, modelTransformer = SettingsOptions.Catalogued.class,
        description = "Compute every step for a sentence and print the whole trace as JSON.")
final class TraceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SettingsOptions settings;

    @Option(names = "--compact", description = "one line of JSON instead of indented")
    boolean compact;

    @Option(names = "--lesson", paramLabel = "FILE", description = "take the settings from a lesson (e.g. the trained model's); --text still replaces its sentence")
    java.nio.file.Path lesson;

    @Override
    public Integer call() throws Exception {
        var s = settings.toSettings();
        if (lesson != null) {
            var fromLesson = dev.attentionlab.io.LessonFile.read(lesson).settings();
            s = settings.text() == null ? fromLesson : fromLesson.toBuilder().text(settings.text()).build();
        }
        Trace trace = TraceEngine.compute(s);
        var out = spec.commandLine().getOut();
        // Streamed: a 512-token, many-head trace is hundreds of MB of text, which need not sit in memory as one string.
        Json.write(TraceJson.of(trace), out, !compact);
        out.println();
        out.flush();
        return 0;
    }
}
