package dev.attentionlab.engine.model;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.rng.TorchGenerator;
import dev.attentionlab.engine.tokenize.Vocabulary;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A pretrained decoder continuing a prompt through its {@link KvCacheDecoder}, one token per
 * {@link #next}: each drawn as the Sampling tab draws (temperature, top-k, top-p, then
 * torch.multinomial from one stream seeded with torch.manual_seed(seed)) and fed back as drawn. The
 * command line's generate and the window's Generate both run it.
 */
public final class CachedGeneration implements Iterator<Vocabulary.Entry> {
    private final KvCacheDecoder decoder;
    private final List<Vocabulary.Entry> vocabulary;
    private final SamplingConfig sampling;
    private final TorchGenerator draws;
    private final int count;
    private float[] logits;
    private int drawn;

    /** Checks that prompt and continuation fit the model's positions, and runs the prompt through the cache. */
    public CachedGeneration(PretrainedModel m, AttentionConfig attention, SamplingConfig sampling, long seed, int[] prompt, int count) {
        if (prompt.length + count > m.maxTokens()) {
            throw new InvalidInputException("the text is " + prompt.length + " tokens; with " + count + " more it passes the model's "
                    + m.maxTokens() + " positions");
        }
        this.decoder = new KvCacheDecoder(m.transformer(), attention, m.maxTokens());
        this.vocabulary = m.tokenizer().vocabulary().entries();
        this.sampling = sampling;
        this.draws = new TorchGenerator(seed);
        this.count = count;
        this.logits = decoder.prefill(prompt);
    }

    @Override
    public boolean hasNext() {
        return drawn < count;
    }

    /** Draws the next token; unless it is the last one asked for, feeds it to the cache for the one after. */
    @Override
    public Vocabulary.Entry next() {
        if (!hasNext()) throw new NoSuchElementException();
        Vocabulary.Entry e = vocabulary.get(Sampler.sample(logits, sampling, draws).sample());
        drawn++;
        if (hasNext()) logits = decoder.next(e.id());
        return e;
    }

    /** How many tokens have been drawn. */
    public int drawn() {
        return drawn;
    }
}
