package dev.attentionlab.ui;

import javafx.application.Application;
import javafx.stage.Stage;

/** The AttentionLab window. */
public final class App extends Application {

    /** Arguments that open the window rather than run a CLI command. */
    public static boolean isAppOption(String arg) {
        return arg.startsWith("--") && !arg.equals("--help") && !arg.equals("--version");
    }

    /** With this option the app prints the time from JVM start to its first rendered frame, then exits. */
    public static final String STARTUP_PROBE = "--startup-probe";

    @Override
    public void start(Stage stage) {
        MainWindow w = new MainWindow(new SessionViewModel(Scheduling.javafx()), new DisplaySettings(), stage);
        if (getParameters().getRaw().contains(STARTUP_PROBE)) {
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                w.scene.removePostLayoutPulseListener(once[0]);
                // The pulse that laid the window out is the one that renders it: measure after it.
                javafx.application.Platform.runLater(() -> {
                    long ms = System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
                    System.out.println("startup_ms=" + ms);
                    javafx.application.Platform.exit();
                });
            };
            w.scene.addPostLayoutPulseListener(once[0]);
        }
        w.show();
        if (!getParameters().getRaw().contains(STARTUP_PROBE)) {
            var store = new dev.attentionlab.io.Autosave(dev.attentionlab.io.Autosave.defaultDataFolder());
            Autosaver autosaver = new Autosaver(w.vm, store, javafx.application.Platform::runLater).start();
            stage.setOnHidden(e -> autosaver.closed());
            javafx.application.Platform.runLater(() -> w.files.offerRecovery(store));
            if (dev.attentionlab.io.FirstRun.claim(dev.attentionlab.io.Autosave.defaultDataFolder())) javafx.application.Platform.runLater(w::welcome);
        }
    }
}
