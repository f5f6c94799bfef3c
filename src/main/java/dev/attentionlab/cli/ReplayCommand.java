package dev.attentionlab.cli;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.io.FixtureReplay;
import dev.attentionlab.io.Json;
import dev.attentionlab.io.TextFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Recompute reference fixtures from their inputs; prints one JSON line per file: {\"name\": …, \"actual\": {…}}.")
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FIXTURE.json", description = "fixture files (shared/fixtures format)")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        int failures = 0;
        for (Path f : files) {
            if (f.getFileName().toString().equals("index.json")) continue;
            try {
                String line = Json.MAPPER.writeValueAsString(FixtureReplay.replay(TextFiles.readJson(f)));
                spec.commandLine().getOut().println(line);
            } catch (InvalidInputException e) {
                spec.commandLine().getErr().println("attentionlab: " + f + ": " + Cli.oneLine(e.getMessage()));
                failures++;
            }
        }
        spec.commandLine().getOut().flush();
        return failures == 0 ? 0 : Cli.USER_ERROR;
    }
}
