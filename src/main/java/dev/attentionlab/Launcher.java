package dev.attentionlab;

import dev.attentionlab.cli.Cli;
import dev.attentionlab.ui.App;
import javafx.application.Application;

/**
 * The jar's entry point. With no arguments it opens the window; with a subcommand it runs the CLI
 * without touching JavaFX. (It must not extend Application: a shaded jar whose main class does
 * fails with "JavaFX runtime components are missing".)
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        if (args.length == 0 || App.isAppOption(args[0])) {
            // Measuring start-up without a display (CI, bench): the headless platform stands in for one.
            if (java.util.Arrays.asList(args).contains(App.STARTUP_PROBE) && (System.getenv("DISPLAY") == null || System.getenv("DISPLAY").isBlank())) {
                dev.attentionlab.ui.Screenshots.useHeadlessPlatform();
            }
            Application.launch(App.class, args);
        } else {
            System.exit(Cli.run(args));
        }
    }
}
