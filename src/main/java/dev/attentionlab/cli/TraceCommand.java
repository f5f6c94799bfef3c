package dev.attentionlab.cli;

import dev.attentionlab.engine.Trace;
import dev.attentionlab.engine.TraceEngine;
import dev.attentionlab.io.Json;
import dev.attentionlab.io.TraceJson;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "trace", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compute every step for a sentence and print the whole trace as JSON.")
final class TraceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SettingsOptions settings;

    @Option(names = "--compact", description = "one line of JSON instead of indented")
    boolean compact;

    @Override
    public Integer call() throws Exception {
        Trace trace = TraceEngine.compute(settings.toSettings());
        var writer = compact ? Json.MAPPER.writer() : Json.MAPPER.writerWithDefaultPrettyPrinter();
        spec.commandLine().getOut().println(writer.writeValueAsString(TraceJson.of(trace)));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
