package dev.attentionlab.cli;

import dev.attentionlab.ui.Screenshots;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "screenshots", mixinStandardHelpOptions = true,
        description = "Save PNGs of the real window (1280×800) in the states the README shows. Needs no display.")
final class ScreenshotsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for the PNG files")
    Path out;

    @Option(names = "--only", paramLabel = "TEXT", description = "only the shots whose file name contains TEXT, e.g. minilm")
    String only;

    @Override
    public Integer call() throws Exception {
        for (Path p : Screenshots.write(out, only)) spec.commandLine().getOut().println(p);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
