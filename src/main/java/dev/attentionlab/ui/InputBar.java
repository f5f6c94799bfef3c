package dev.attentionlab.ui;

import dev.attentionlab.engine.tokenize.Token;
import dev.attentionlab.engine.tokenize.TokenizerKind;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.render.HeatmapPainter;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The sentence, sample sentences, the tokenizer choice, and the resulting tokens as chips. */
final class InputBar extends VBox {
    static final List<String> SAMPLES = List.of(
            "Hello World I am an attention seeker I love attention",
            "The animal didn't cross the street because it was too tired.",
            "The cat sat on the mat because it was tired.",
            "The keys to the cabinet are on the table.",
            "To be, or not to be, that is the question.",
            "I saw a saw that could saw a saw.",
            "Attention is all you need, and attention is what you get when you need it most.");

    final FlowPane chips = new FlowPane(4, 4);
    /** The second sentence's tokens, under a label, when keys and values come from it. */
    final FlowPane sourceChips = new FlowPane(4, 4);

    InputBar(SessionViewModel vm) {
        getStyleClass().add("input-bar");
        setSpacing(6);
        setPadding(new Insets(8, 10, 6, 10));

        TextField sentence = new TextField();
        sentence.setId("sentence");
        sentence.setPromptText("Type a sentence…");
        sentence.textProperty().bindBidirectional(vm.form.text);
        sentence.getStyleClass().add("sentence");
        HBox.setHgrow(sentence, Priority.ALWAYS);

        MenuButton samples = new MenuButton("Samples");
        samples.setId("samples");
        for (String s : SAMPLES) {
            MenuItem item = new MenuItem(s);
            item.setOnAction(e -> vm.form.text.set(s));
            samples.getItems().add(item);
        }

        TokenizerKind[] fittable = java.util.Arrays.stream(TokenizerKind.values()).filter(TokenizerKind::fittable).toArray(TokenizerKind[]::new);
        var tokenizer = Fx.choice("tokenizer", fittable, vm.form.tokenizer, TokenizerKind::label);
        tokenizer.setTooltip(new Tooltip("How the sentence is split into tokens"));
        // On a narrow window the sentence field gives up width, not the tokenizer's name.
        tokenizer.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        // A pretrained model reads only its own pieces (WordPiece, GPT-2 BPE); the others are fitted to the text.
        Runnable offer = () -> {
            List<TokenizerKind> wanted = vm.form.pretrained.get() != null ? List.of(vm.form.pretrained.get().tokenizer().kind()) : List.of(fittable);
            if (tokenizer.getItems().equals(wanted)) return;
            // Replacing the items clears the choice for a moment; the session's tokenizer is put back, not lost.
            TokenizerKind current = vm.form.tokenizer.get();
            tokenizer.getItems().setAll(wanted);
            if (vm.form.tokenizer.get() != current) vm.form.tokenizer.set(current);
            // The old skin keeps the width it measured for the old items, and cut the new name short
            // under the arrow; a fresh one measures the new list.
            if (tokenizer.getSkin() != null) tokenizer.setSkin(new javafx.scene.control.skin.ChoiceBoxSkin<>(tokenizer));
        };
        vm.form.pretrained.addListener(o -> offer.run());
        offer.run();

        Slider merges = new Slider(0, 200, vm.form.bpeMerges.get());
        merges.setId("bpeMerges");
        merges.setPrefWidth(140);
        merges.setMajorTickUnit(50);
        merges.setSnapToTicks(false);
        merges.valueProperty().addListener((o, a, b) -> vm.form.bpeMerges.set(b.intValue()));
        vm.form.bpeMerges.addListener((o, a, b) -> merges.setValue(b.intValue()));
        Label mergesLabel = new Label();
        mergesLabel.textProperty().bind(vm.form.bpeMerges.asString("%d merges"));
        javafx.scene.control.ChoiceBox<String> source = new javafx.scene.control.ChoiceBox<>();
        source.setId("bpeSource");
        source.getItems().setAll("from the sentence", "from the bundled corpus");
        source.setValue(vm.form.bpeCorpus.get() == null ? "from the sentence" : "from the bundled corpus");
        source.setOnAction(e -> vm.form.bpeCorpus.set(source.getSelectionModel().getSelectedIndex() == 1
                ? dev.attentionlab.io.BundledCorpus.text() : null));
        vm.form.bpeCorpus.addListener((o, a, b) -> source.getSelectionModel().select(b == null ? 0 : 1));
        source.setTooltip(new Tooltip("Which text the byte-pair merges are learned from"));
        HBox bpe = new HBox(6, merges, mergesLabel, source);
        bpe.setAlignment(Pos.CENTER_LEFT);
        bpe.visibleProperty().bind(vm.form.tokenizer.isEqualTo(TokenizerKind.BPE));
        bpe.managedProperty().bind(bpe.visibleProperty());

        HBox row = new HBox(8, new Label("Sentence"), sentence, samples, new Label("Tokenizer"), tokenizer, bpe);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox cross = crossAttentionRow(vm);

        chips.setId("tokenChips");
        chips.getStyleClass().add("token-chips");
        sourceChips.setId("sourceChips");
        sourceChips.getStyleClass().add("token-chips");
        vm.traceProperty().addListener((o, a, t) -> showTokens(t));
        showTokens(vm.trace());
        getChildren().addAll(row, cross, chips, sourceChips);
    }

    /**
     * Cross-attention: queries from the sentence, keys and values from a second one. Unticked, the
     * session has no source text (self-attention); a lesson with one ticks it.
     */
    private static HBox crossAttentionRow(SessionViewModel vm) {
        javafx.scene.control.CheckBox on = new javafx.scene.control.CheckBox("Keys and values from another sentence");
        on.setId("crossAttention");
        on.setTooltip(new Tooltip("Cross-attention: the queries come from the sentence above, the keys and values from this one"));
        TextField source = new TextField();
        source.setId("sourceText");
        source.setPromptText("the sentence the keys and values come from…");
        HBox.setHgrow(source, Priority.ALWAYS);
        source.disableProperty().bind(on.selectedProperty().not());
        boolean[] syncing = {false};
        Runnable push = () -> {
            if (!syncing[0]) vm.form.sourceText.set(on.isSelected() ? source.getText() : null);
        };
        on.selectedProperty().addListener(o -> push.run());
        source.textProperty().addListener(o -> push.run());
        Runnable pull = () -> {
            syncing[0] = true;
            try {
                String v = vm.form.sourceText.get();
                on.setSelected(v != null);
                if (v != null && !v.equals(source.getText())) source.setText(v);
            } finally {
                syncing[0] = false;
            }
        };
        vm.form.sourceText.addListener(o -> pull.run());
        pull.run();
        // With a pretrained encoder the second sentence is compared with the first, not attended to; a
        // pretrained decoder (GPT-2) has no use for one, and the row says so instead of offering it.
        Runnable words = () -> {
            boolean compare = vm.form.pretrained.get() != null && !vm.form.pretrained.get().transformer().predictsTokens();
            boolean none = vm.form.pretrained.get() != null && !compare;
            on.setDisable(none);
            on.setText(compare ? "Compare with another sentence"
                    : none ? "A second sentence (" + vm.form.pretrained.get().name() + " reads one text)" : "Keys and values from another sentence");
            on.getTooltip().setText(compare ? "Both sentences go through the model; the last step gives the cosine similarity of their embeddings"
                    : "Cross-attention: the queries come from the sentence above, the keys and values from this one");
            source.setPromptText(compare ? "a sentence to compare the meaning with…" : "the sentence the keys and values come from…");
        };
        vm.form.pretrained.addListener(o -> words.run());
        words.run();
        HBox row = new HBox(8, on, source);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private void showTokens(Trace t) {
        if (t == null) return;
        queries.show(chips, t.tokens(), null, t);
        boolean cross = t.isCrossAttention();
        if (cross) keys.show(sourceChips, t.sourceTokens(), "keys and values:", t);
        sourceChips.setVisible(cross);
        sourceChips.setManaged(cross);
    }

    private static final int MAX_CHIPS = 120;
    private final ChipPool queries = new ChipPool();
    private final ChipPool keys = new ChipPool();

    /** Chips are reused between traces: rebuilding hundreds of styled nodes per keystroke is what costs. */
    private static final class ChipPool {
        private final List<Chip> pool = new java.util.ArrayList<>();
        private final Label more = new Label();
        private final Label title = new Label();

        ChipPool() {
            title.getStyleClass().add("muted");
        }

        private List<Object> shownKey;

        void show(FlowPane into, List<Token> tokens, String heading, Trace t) {
            int shown = Math.min(tokens.size(), MAX_CHIPS);
            List<String> labels = new java.util.ArrayList<>(shown);
            for (int i = 0; i < shown; i++) labels.add(t.label(tokens.get(i).text()));
            // A slider moved, the tokens did not: restyling every chip cost a fifth of the frame.
            List<Object> key = java.util.Arrays.asList(tokens, heading, labels);
            if (key.equals(shownKey) && into.getChildren().size() > 0) return;
            shownKey = key;
            while (pool.size() < shown) pool.add(new Chip());
            var nodes = new java.util.ArrayList<javafx.scene.Node>(shown + 2);
            if (heading != null) {
                title.setText(heading);
                nodes.add(title);
            }
            for (int i = 0; i < shown; i++) {
                Chip chip = pool.get(i);
                chip.show(i, tokens.get(i), labels.get(i));
                nodes.add(chip);
            }
            if (shown < tokens.size()) {
                more.setText("… " + (tokens.size() - shown) + " more");
                nodes.add(more);
            }
            into.getChildren().setAll(nodes);
        }
    }

    /** One token: its text over its id; the tooltip gives its position and characters. */
    private static final class Chip extends VBox {
        private final Label text = new Label();
        private final Label id = new Label();
        private final Tooltip tip = new Tooltip();

        Chip() {
            super(0);
            text.getStyleClass().add("chip-text");
            id.getStyleClass().add("chip-id");
            getChildren().addAll(text, id);
            setAlignment(Pos.CENTER);
            Tooltip.install(this, tip);
        }

        void show(int index, Token tok, String label) {
            text.setText(HeatmapPainter.display(label));
            id.setText(tok.id() < 0 ? "pad" : Integer.toString(tok.id()));
            String style = tok.id() < 0 ? "chip-pad" : "chip";
            if (!getStyleClass().equals(List.of(style))) getStyleClass().setAll(style);
            boolean marker = tok.text().equals(dev.attentionlab.engine.tokenize.BpeTokenizer.WORD_START);
            tip.setText("token " + index + ": '" + tok.text() + "'" + (label.equals(tok.text()) ? "" : " (" + label + ")") + ", id " + tok.id()
                    + (tok.start() == tok.end() ? ", no characters of the sentence" : ", characters " + tok.start() + "–" + tok.end())
                    + (marker ? ". It is the mark that a word starts, standing alone because no learned merge joins it to "
                    + "the word's first letters; the model still sees it as a token." : ""));
        }
    }
}
