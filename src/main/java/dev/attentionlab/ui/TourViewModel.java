package dev.attentionlab.ui;

import dev.attentionlab.engine.trace.Preset;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The guided tour: one sentence walked through every step of the pipeline, with what to notice at
 * each. It drives the session's step like the Next button does, so every view stays live; it only
 * adds the words.
 */
final class TourViewModel {
    /** The tour's model: four heads under a causal mask, so masking and the heads have something to show. */
    static final Preset PRESET = Preset.SMALL_MULTI_HEAD;

    /** What to notice at each step, by step id; a step without one shows its own explanation. */
    static final Map<String, String> NOTICE = Map.ofEntries(
            Map.entry("tokenize", "Each word becomes a token with an id. The model never sees letters, only these ids: "
                    + "a word that comes twice gets the same id twice."),
            Map.entry("embed", "Each id picks one row of the embedding table, so the same word always starts as the same "
                    + "vector. These numbers are drawn from the seed, not learned: the mechanics are real, the meaning is not."),
            Map.entry("position", "A position vector is added to every row. Now the same word at two places is two different "
                    + "vectors: without this the model could not tell word order."),
            Map.entry("qkv", "Three projections of the same rows: a query (what a token looks for), a key (what it offers) and "
                    + "a value (what it passes on). Point at any cell to see the dot product that made it."),
            Map.entry("scores", "Row i, column j: how well token i's query matches token j's key. Big positive numbers are "
                    + "strong matches. Use the head selector to see that each head scores differently."),
            Map.entry("scale", "Every score is divided by √d_k. Wider vectors give bigger dot products; the division keeps "
                    + "them near unit size, so the softmax does not collapse onto one key (compare the Scaled vs unscaled tab)."),
            Map.entry("mask", "Hatched cells are masked: the causal mask hides every later token, so a word can only look "
                    + "at itself and the words before it. The Mask editor tab lets you draw your own."),
            Map.entry("softmax", "Each row is now a set of weights that sum to 1: how token i shares its attention. The "
                    + "brightest cell in a row is where that token looks most; masked cells are exactly 0."),
            Map.entry("weighted_sum", "Each token's new vector is the weighted average of the value rows it attends to. "
                    + "This is the only place where information moves between tokens."),
            Map.entry("concat", "The heads' outputs side by side; the lines mark where one head's columns end. Each head "
                    + "could look at different words for different reasons."),
            Map.entry("output", "W_o mixes the heads back into one vector per token, as wide as the input, ready for the "
                    + "next layer."),
            Map.entry("logits", "The last token's vector is scored against every word of the vocabulary: one number per "
                    + "possible next token."),
            Map.entry("temperature", "Dividing by the sampling temperature T before the softmax: T below 1 sharpens the "
                    + "choice, above 1 flattens it. This is not the attention's T_attn; it only shapes the next-token draw."),
            Map.entry("top_k_top_p", "Top-k keeps the k likeliest tokens, top-p the fewest whose probabilities reach p; "
                    + "the rest drop to 0 and what is left is renormalised."),
            Map.entry("sample", "A seeded draw from what is left: the same seed gives the same token as PyTorch's "
                    + "torch.multinomial. Append it and the whole pipeline runs again on the longer sentence."));

    private final SessionViewModel vm;
    private final Runnable showPipeline;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private List<String> steps = List.of();

    /** @param showPipeline brings the Pipeline tab to the front (the tour's steps are shown there) */
    TourViewModel(SessionViewModel vm, Runnable showPipeline) {
        this.vm = vm;
        this.showPipeline = showPipeline;
        // The tour's model is computed off the UI thread: its steps (and their titles) are known once it arrives.
        vm.traceProperty().addListener(o -> {
            if (!running.get() || vm.trace() == null || vm.trace().stepIds().equals(steps)) return;
            steps = vm.trace().stepIds();
            go(Math.min(index.get(), steps.size() - 1));
        });
    }

    /** Loads the tour's model and sentence (Ctrl+Z gives back what was there) and shows the first step. */
    void start() {
        vm.applyPreset(PRESET);
        steps = vm.trace().stepIds();
        running.set(true);
        go(0);
    }

    void next() {
        if (index.get() + 1 < steps.size()) go(index.get() + 1);
        else end();
    }

    void back() {
        if (index.get() > 0) go(index.get() - 1);
    }

    void end() {
        running.set(false);
    }

    private void go(int i) {
        index.set(i);
        String id = steps.get(i);
        showPipeline.run();
        vm.selection.stepId.set(id);
        var step = vm.trace().step(id);
        heading.set("Tour · step " + (i + 1) + " of " + steps.size() + ": " + step.title());
        notice.set(NOTICE.getOrDefault(id, step.explanation()));
    }

    boolean isLast() {
        return index.get() == steps.size() - 1;
    }

    ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    ReadOnlyIntegerProperty indexProperty() {
        return index.getReadOnlyProperty();
    }

    ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }
}
