package dev.attentionlab.ui;

import javafx.application.Application;
import javafx.stage.Stage;

/** The AttentionLab window. */
public final class App extends Application {

    /** Arguments that open the window rather than run a CLI command. */
    public static boolean isAppOption(String arg) {
        return arg.startsWith("--") && !arg.equals("--help") && !arg.equals("--version");
    }

    @Override
    public void start(Stage stage) {
        new MainWindow(new SessionViewModel(Scheduling.javafx()), new DisplaySettings(), stage).show();
    }
}
