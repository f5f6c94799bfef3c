package dev.attentionlab.ui;

import dev.attentionlab.engine.Trace;
import dev.attentionlab.engine.TraceEngine;
import dev.attentionlab.engine.TraceSettings;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The AttentionLab window. */
public final class App extends Application {

    /** Arguments that open the window rather than run a CLI command. */
    public static boolean isAppOption(String arg) {
        return arg.startsWith("--") && !arg.equals("--help") && !arg.equals("--version");
    }

    @Override
    public void start(Stage stage) {
        Trace t = TraceEngine.compute(TraceSettings.builder().build());
        VBox root = new VBox(8, new Label("AttentionLab"), new Label(t.settings().text()),
                new Label("next token: " + t.sampledToken()));
        stage.setTitle("AttentionLab");
        stage.setScene(new Scene(root, 1280, 800));
        stage.show();
    }
}
