package dev.attentionlab.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.stage.Window;

/** Help → "What each view shows", keyboard shortcuts, and About. */
final class HelpDialogs {
    private HelpDialogs() {}

    static final String VIEWS = """
            Sentence and tokens: type any text; the chips show each token and its id. The tokenizer menu picks how text is split \
            (the notebook's sorted word vocabulary, words by first appearance, characters, or byte-pair merges learned from the text).

            Settings (left): the model's sizes and seed, positional encoding, the mask, how masked scores are filled, \
            how scores are scaled, Attention T (a temperature on the attention scores, not the Sampling tab's temperature on the next-token logits), and the residual + LayerNorm. \
            If a combination cannot work, the reason appears in red and the last good result stays on screen.

            Pipeline: the computation step by step. Each step shows its formula, a short explanation, \
            and the matrices it reads and writes; the ones it writes are outlined in blue. Per-head steps have a head selector.

            Heads: every head's attention weights, queries down and keys across, plus their average. Hatched cells are masked; \
            a row marked NaN had every key masked with −∞ fill (PyTorch gives NaN there too). Click a head to enlarge it.

            Scaled vs unscaled: softmax of the raw scores beside softmax of the scores divided by √d_k. Move the d_k slider \
            to see why the scaling matters.

            Mask editor: click cells to hide a key from a query; presets for causal, padding and clear.

            Sampling: the next-token distribution at each stage: logits, softmax at temperature T, after top-k and after top-p. \
            "Sample" draws exactly what torch.multinomial draws after torch.manual_seed(seed); "Append" adds it to the sentence; \
            "Generate" repeats that N times.

            Train: train a small character-level transformer on the bundled stories or your own text ("Train on my text…").             Start, Pause and Stop; the chart shows the training and validation loss. Every 50 steps a snapshot is kept: the             "Training time" slider shows any of them in every view, and "Block" picks which block's attention is shown.             "Continue the sentence" writes text with the Sampling tab's temperature, top-k and top-p. Models save and open             as safetensors (also from the Model menu); "Use seeded weights" goes back to the preset.

            Cell arithmetic (right): point at any cell to see how its number was computed from the actual values, \
            with the cells it came from outlined in orange.

            Status bar: the sizes involved, notes, and how long the engine took.

            Lessons (File and Lessons menus): save everything on screen (sentence, settings, custom mask, imported \
            weights, the step to open at, a title and notes for the class) as a lesson file and open it again later. \
            The title bar shows a dot while there are unsaved changes. The Lessons menu has five ready-made lessons, the last with a trained model. \
            Unsaved work is copied to your data folder a moment after each change; if AttentionLab closes without saving \
            (a crash, a power cut), the next start offers to restore it.

            Export: File → Export… saves the current view, a step, all heads, one head or any matrix as PNG or SVG, \
            or a matrix's numbers as CSV or JSON, with a preview first. Right-click any heatmap to copy it or save it; \
            Ctrl+Shift+S saves the current view as a PNG.

            Your own model: File → Import PyTorch weights… reads an nn.MultiheadAttention state_dict saved as JSON \
            or as .safetensors (and an embedding 'weight'). From then on every number on screen is your model's.""";

    static final String KEYS = """
            ← / →           previous / next step (outside text fields)
            Home / End      first / last step
            Page Up / Down  previous / next step (presenter remotes)
            Arrow keys      move the selected cell in a focused matrix
            Ctrl + / − / 0  zoom in / out / reset
            Ctrl+Z          undo the last edit (sentence, setting, mask, model, notes)
            Ctrl+Shift+Z    redo (also Ctrl+Y)
            Ctrl+S, Ctrl+O  save / open a lesson
            Ctrl+E          export…
            Ctrl+Shift+S    save the current view as PNG
            F11             full screen
            Ctrl+Q          quit""";

    static void views(Window owner) {
        show(owner, "What each view shows", VIEWS);
    }

    static void keys(Window owner) {
        Alert a = dialog(owner, "Keyboard shortcuts", KEYS);
        a.getDialogPane().getStyleClass().add("mono-dialog");
        a.show();
    }

    static void about(Window owner) {
        show(owner, "About AttentionLab", "AttentionLab 0.1\n\nEvery step of transformer attention, with real numbers. "
                + "Its random numbers, initialisation and attention reproduce PyTorch 1.13 (float32, CPU), "
                + "so what you see here is what a PyTorch notebook with the same seed computes.");
    }

    /**
     * The first-run welcome: what the app is in three sentences, and the tour offered. Not modal, so
     * the window behind it is already live. @return the dialog (tests press its buttons)
     */
    static Alert welcome(Window owner, Runnable startTour) {
        Alert a = Fx.themed(new Alert(Alert.AlertType.NONE));
        a.initOwner(owner);
        a.initModality(javafx.stage.Modality.NONE);
        a.setTitle("Welcome to AttentionLab");
        a.setHeaderText("Welcome to AttentionLab");
        Label body = new Label("Type a sentence and watch a transformer's attention compute it, step by step, with the real "
                + "numbers: tokens, embeddings, queries, keys and values, scores, the mask, the softmax, and the next word.\n\n"
                + "The tour walks one sentence through all the steps and says what to notice at each (about five minutes). "
                + "You can leave it at any step, and take it again from Help → Guided tour.");
        body.setWrapText(true);
        // Its width from the start: measured unwrapped, the dialog was first laid out 1,500 px wide,
        // centred on that, and without a window manager stayed half off the screen's left edge.
        body.setPrefWidth(520);
        body.setMaxWidth(520);
        a.getDialogPane().setContent(body);
        ButtonType tour = new ButtonType("Take the tour", ButtonBar.ButtonData.OK_DONE);
        ButtonType alone = new ButtonType("Explore on my own", ButtonBar.ButtonData.CANCEL_CLOSE);
        a.getButtonTypes().setAll(tour, alone);
        a.resultProperty().addListener((o, was, now) -> {
            if (now == tour) startTour.run();
        });
        a.show();
        return a;
    }

    private static void show(Window owner, String title, String text) {
        dialog(owner, title, text).show();
    }

    private static Alert dialog(Window owner, String title, String text) {
        Alert a = Fx.themed(new Alert(Alert.AlertType.INFORMATION));
        a.initOwner(owner);
        a.setTitle(title);
        a.setHeaderText(title);
        Label body = new Label(text);
        body.setWrapText(true);
        body.setPrefWidth(620);
        body.setMaxWidth(620);
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.setPrefSize(660, 420);
        a.getDialogPane().setContent(scroll);
        return a;
    }
}
