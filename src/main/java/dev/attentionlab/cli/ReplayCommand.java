package dev.attentionlab.cli;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.fixtures.FixtureReplay;
import dev.attentionlab.io.Json;
import dev.attentionlab.io.TextFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Recompute reference fixtures from their inputs; prints one JSON line per file: {\"name\": …, \"actual\": {…}}.")
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FIXTURE.json|FOLDER", description = "fixture files (shared/fixtures format), or folders of them")
    List<Path> files;

    /**
     * Each file on its own: a bad one is reported on stderr and the rest are still replayed; the exit
     * code says whether any failed.
     */
    @Override
    public Integer call() throws Exception {
        int failures = 0;
        for (Path f : expand(files)) {
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

    /** Folders become their *.json files in name order. */
    private static List<Path> expand(List<Path> paths) throws java.io.IOException {
        List<Path> out = new java.util.ArrayList<>();
        for (Path p : paths) {
            if (!java.nio.file.Files.isDirectory(p)) {
                out.add(p);
                continue;
            }
            List<Path> inside;
            try (var s = java.nio.file.Files.list(p)) {
                inside = s.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
            }
            if (inside.isEmpty()) throw new InvalidInputException(p + " has no .json fixture files");
            out.addAll(inside);
        }
        return out;
    }
}
