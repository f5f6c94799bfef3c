package dev.attentionlab.cli;

import dev.attentionlab.engine.InvalidInputException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The headless commands. Every error is one line on stderr and exit code 2; no stack traces. */
@Command(name = "attentionlab", mixinStandardHelpOptions = true, version = "AttentionLab 0.1",
        description = "Transformer attention, step by step, with real numbers. Run without arguments to open the window.",
        subcommands = {TraceCommand.class, GenerateCommand.class, ReplayCommand.class, ExportCommand.class, BenchCommand.class, TrainCommand.class, ScreenshotsCommand.class})
public final class Cli {
    public static final int USER_ERROR = 2;

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        try {
            return execute(out, err, args);
        } catch (RuntimeException | StackOverflowError e) {
            err.println("attentionlab: internal error: " + oneLine(String.valueOf(e)));
            return 1;
        } catch (OutOfMemoryError e) {
            err.println("attentionlab: out of memory (" + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB heap); start Java with a larger -Xmx");
            return 1;
        }
    }

    private static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd = new CommandLine(new Cli());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setParameterExceptionHandler((ex, a) -> {
            String sub = ex.getCommandLine().getCommandName();
            err.println("attentionlab: " + oneLine(ex.getMessage()) + " (see 'attentionlab "
                    + (sub.equals("attentionlab") ? "" : sub + " ") + "--help')");
            return USER_ERROR;
        });
        cmd.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof InvalidInputException) {
                err.println("attentionlab: " + oneLine(ex.getMessage()));
                return USER_ERROR;
            }
            err.println("attentionlab: internal error: " + oneLine(String.valueOf(ex)));
            return 1;
        });
        return cmd.execute(args);
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
