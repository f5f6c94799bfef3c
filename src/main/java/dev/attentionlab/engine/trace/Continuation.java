package dev.attentionlab.engine.trace;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.KvCacheDecoder;
import dev.attentionlab.engine.model.LanguageModel;
import dev.attentionlab.engine.model.PretrainedModel;
import dev.attentionlab.engine.model.Sampler;
import dev.attentionlab.engine.model.SamplingConfig;
import dev.attentionlab.engine.model.TrainedModel;
import dev.attentionlab.engine.rng.TorchGenerator;
import dev.attentionlab.engine.tokenize.Token;
import dev.attentionlab.engine.tokenize.Vocabulary;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The settings' text continued token by token, each token drawn as the Sampling tab draws it
 * (temperature, top-k, top-p, then torch.multinomial from one torch.manual_seed(sample seed) stream).
 * The window's Generate, the Train tab's "Continue the sentence" and the command line's generate all
 * draw through it; only the way to the next token's logits depends on the model: a pretrained
 * decoder's key/value cache, a trained model's forward over its context window, or one trace per
 * token for any other model.
 */
public abstract sealed class Continuation implements Iterator<Vocabulary.Entry>
        permits Continuation.Traced, Continuation.Cached, Continuation.Trained {
    /** More than a window would show, far less than would take long: a Continue of 300 characters fits. */
    public static final int MAX = 10_000;

    final int count;
    private int drawn;
    private String text;

    private Continuation(TraceSettings s, int count) {
        if (count < 0 || count > MAX) throw new InvalidInputException("continue by 0…" + MAX + " tokens, got " + count);
        PretrainedModel pretrained = s.model().pretrained();
        if (pretrained != null && !pretrained.transformer().predictsTokens()) {
            throw new InvalidInputException(pretrained.name() + " has no next-token head, so it cannot generate text");
        }
        this.text = s.input().text();
        this.count = count;
    }

    /** Continues {@code s}'s text by {@code count} tokens through the model {@code s} names. */
    public static Continuation of(TraceSettings s, int count) {
        if (s.model().pretrained() != null) return new Cached(s, count);
        return s.model().trained() != null ? new Trained(s, count) : new Traced(s, count);
    }

    /** One trace per token whatever the model, for callers that show or test each token's trace. */
    static Traced traced(TraceSettings s, int count) {
        return new Traced(s, count);
    }

    @Override
    public boolean hasNext() {
        return drawn < count;
    }

    /** Draws the next token and appends it to {@link #text()} the way the model's tokenizer joins tokens. */
    @Override
    public Vocabulary.Entry next() {
        if (!hasNext()) throw new NoSuchElementException();
        Vocabulary.Entry e = draw();
        drawn++;
        text = append(text, e.text());
        return e;
    }

    /** Draws every token still to come. @return the prompt with the whole continuation */
    public String toEnd() {
        while (hasNext()) next();
        return text;
    }

    /** How many tokens have been drawn. */
    public int drawn() {
        return drawn;
    }

    /** The prompt and every token drawn so far. */
    public String text() {
        return text;
    }

    abstract Vocabulary.Entry draw();

    abstract String append(String text, String token);

    /** Any model: one full trace per token, the trace the views would show for the text so far. */
    public static final class Traced extends Continuation {
        private final TorchGenerator draws;
        private final TraceSettings settings;
        private Trace trace;

        private Traced(TraceSettings s, int count) {
            super(s, count);
            this.draws = new TorchGenerator(s.sampling().sampleSeed());
            this.settings = s;
        }

        @Override
        Vocabulary.Entry draw() {
            trace = TraceEngine.compute(settings.toBuilder().text(text()).build(), draws);
            return trace.vocabEntries().get(trace.sampling().sample());
        }

        @Override
        String append(String text, String token) {
            return trace.tokenizer().append(text, token);
        }

        /** The trace the last token was drawn from. */
        public Trace trace() {
            return trace;
        }
    }

    /**
     * A pretrained decoder (GPT-2): each token costs one position's work through its key/value cache.
     * Drawn ids are fed back as drawn, not re-read from the text, as Hugging Face's generate does.
     */
    public static final class Cached extends Continuation {
        private final PretrainedModel model;
        private final KvCacheDecoder decoder;
        private final SamplingConfig sampling;
        private final TorchGenerator draws;
        private final int[] prompt;
        private float[] logits;

        /** Checks that prompt and continuation fit the model's positions, and runs the prompt through the cache. */
        private Cached(TraceSettings s, int count) {
            super(s, count);
            this.model = s.model().pretrained();
            this.prompt = model.tokenizer().encode(s.input().text()).stream().mapToInt(Token::id).toArray();
            if (prompt.length + count > model.maxTokens()) {
                throw new InvalidInputException("the text is " + prompt.length + " tokens; with " + count + " more it passes the model's "
                        + model.maxTokens() + " positions");
            }
            this.decoder = new KvCacheDecoder(model.transformer(), s.attentionConfig(), model.maxTokens());
            this.sampling = s.samplingConfig();
            this.draws = new TorchGenerator(s.sampling().sampleSeed());
            this.logits = decoder.prefill(prompt);
        }

        /** Draws the next token; unless it is the last one asked for, feeds it to the cache for the one after. */
        @Override
        Vocabulary.Entry draw() {
            Vocabulary.Entry e = model.tokenizer().vocabulary().entries().get(Sampler.sample(logits, sampling, draws).sample());
            if (drawn() + 1 < count) logits = decoder.next(e.id());
            return e;
        }

        @Override
        String append(String text, String token) {
            return model.tokenizer().append(text, token);
        }

        /** The prompt's token ids, as the cache read them. */
        public int[] prompt() {
            return prompt.clone();
        }
    }

    /** A trained character model: its own forward over the last {@code context} characters, no trace kept. */
    public static final class Trained extends Continuation {
        private final TrainedModel model;
        private final SamplingConfig sampling;
        private final TorchGenerator draws;
        private final int[] ids;
        private int end;

        private Trained(TraceSettings s, int count) {
            super(s, count);
            this.model = s.model().trained();
            this.sampling = s.samplingConfig();
            this.draws = new TorchGenerator(s.sampling().sampleSeed());
            int[] prefix = model.encode(s.input().text());
            if (prefix.length == 0) throw new InvalidInputException("type a few characters for the model to continue");
            this.ids = java.util.Arrays.copyOf(prefix, prefix.length + count);
            this.end = prefix.length;
        }

        @Override
        Vocabulary.Entry draw() {
            float[] logits = LanguageModel.nextLogits(model.weights(), ids, end);
            int id = Sampler.sample(logits, sampling, draws).sample();
            ids[end++] = id;
            return new Vocabulary.Entry(id, model.alphabet().get(id));
        }

        @Override
        String append(String text, String token) {
            return text + token;
        }
    }
}
