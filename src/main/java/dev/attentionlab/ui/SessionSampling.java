package dev.attentionlab.ui;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.Sampler;
import dev.attentionlab.engine.model.SamplingResult;
import dev.attentionlab.engine.rng.TorchGenerator;
import dev.attentionlab.engine.trace.Continuation;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.engine.trace.TraceSettings;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The session's token drawing, one job out of {@link SessionViewModel}: Sample draws the next token
 * from the trace on screen, Append adds it to the sentence, Generate appends a run of them (drawn
 * through {@link Continuation}, as the Train tab's "Continue" and the command line's generate are)
 * and can be stopped. It reads the
 * session's trace and settings and writes only its sentence.
 */
public final class SessionSampling {
    private final SessionViewModel vm;
    private final Scheduling scheduling;
    private final Consumer<Boolean> computing;
    private final Consumer<String> error;
    private final ReadOnlyStringWrapper lastDraw = new ReadOnlyStringWrapper("");
    /** Whether Generate is drawing tokens now; the Sampling tab's button stops it meanwhile. */
    private final ReadOnlyBooleanWrapper generating = new ReadOnlyBooleanWrapper(false);
    private volatile boolean stopRequested;
    private TorchGenerator drawStream;
    private int draws;
    private String lastSampled;

    /**
     * @param computing says the session is busy (Generate), or no longer
     * @param error     shows an input the engine refused, as a setting's error is shown
     */
    SessionSampling(SessionViewModel vm, Scheduling scheduling, Consumer<Boolean> computing, Consumer<String> error) {
        this.vm = vm;
        this.scheduling = scheduling;
        this.computing = computing;
        this.error = error;
    }

    /** What the last draw or run of draws was, in words ("draw #2 after torch.manual_seed(0) → 'cat'"). */
    public ReadOnlyStringProperty lastDrawProperty() {
        return lastDraw.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty generatingProperty() {
        return generating.getReadOnlyProperty();
    }

    /** Starts the draws again from torch.manual_seed(sample seed): the seed changed, or a new model came. */
    void resetDraws() {
        drawStream = null;
        draws = 0;
        lastSampled = null;
        lastDraw.set("");
    }

    /**
     * Draws the next token from the current distribution with a generator seeded once at the sample
     * seed, as repeated {@code torch.multinomial} calls after {@code torch.manual_seed} would.
     */
    public String sample() {
        Trace t = vm.trace();
        if (t == null || !t.predictsTokens()) return null;
        if (drawStream == null) drawStream = new TorchGenerator(vm.form.sampleSeed.get());
        SamplingResult r = Sampler.sample(t.sampling().logits().row(0), t.settings().samplingConfig(), drawStream);
        draws++;
        String token = t.vocabEntries().get(r.sample()).text();
        float p = r.probsTopP().get(0, r.sample());
        lastDraw.set(r.greedy()
                ? String.format(Locale.ROOT, "T = 0: argmax → '%s' (p = %.3f)", t.label(token), p)
                : String.format(Locale.ROOT, "draw #%d after torch.manual_seed(%d) → '%s' (p = %.3f)", draws, vm.form.sampleSeed.get(), t.label(token), p));
        lastSampled = token;
        return token;
    }

    /** Appends the last drawn token (drawing one first if none was) to the sentence. */
    public void appendSample() {
        Trace t = vm.trace();
        if (t == null || !t.predictsTokens()) return;
        String token = lastSampled != null ? lastSampled : sample();
        vm.form.text.set(t.tokenizer().append(vm.form.text.get(), token));
        lastSampled = null;
    }

    /**
     * Appends {@code generateCount} tokens, each drawn from the model's next-token probabilities for the
     * text so far ({@link Continuation}); the sentence grows token by token as they are drawn, and the
     * views follow it as fast as a trace can be computed (a keystroke's coalescing, see
     * {@link SessionViewModel#recompute}).
     */
    public void generate() {
        TraceSettings s = vm.settings();
        int n = vm.generateCount.get();
        stopRequested = false;
        generating.set(true);
        computing.accept(true);
        scheduling.background().execute(() -> {
            try {
                Continuation c = Continuation.of(s, n);
                // GPT-2 goes through its key/value cache, one position's work per token: say so.
                String through = c instanceof Continuation.Cached ? " through " + s.model().pretrained().name() + "'s key/value cache" : "";
                while (c.hasNext() && !stopRequested) {
                    c.next();
                    String grown = c.text();
                    int done = c.drawn();
                    scheduling.ui().execute(() -> {
                        lastDraw.set("generated " + done + " of " + n + " tokens with torch.manual_seed(" + s.sampling().sampleSeed() + ")"
                                + through);
                        vm.form.text.set(grown);
                    });
                }
                int done = c.drawn();
                scheduling.ui().execute(() -> {
                    computing.accept(false);
                    if (done < n) stopped(done, n);
                    else generating.set(false);
                });
            } catch (InvalidInputException e) {
                scheduling.ui().execute(() -> {
                    computing.accept(false);
                    generating.set(false);
                    error.accept(e.getMessage());
                });
            }
        });
    }

    /** Stops Generate after the token it is drawing; the sentence keeps what was drawn. */
    public void stopGenerating() {
        stopRequested = true;
    }

    private void stopped(int done, int n) {
        generating.set(false);
        lastDraw.set("stopped after " + done + " of " + n + " tokens; the sentence keeps them");
    }
}
