package dev.attentionlab.engine.trace;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.Limits;
import dev.attentionlab.engine.model.MaskKind;
import dev.attentionlab.engine.model.MeanPooling;
import dev.attentionlab.engine.model.Sampler;
import dev.attentionlab.engine.model.SamplingResult;
import dev.attentionlab.engine.model.Transformer;
import dev.attentionlab.engine.rng.TorchGenerator;
import dev.attentionlab.engine.tensor.MaskMatrix;
import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.tokenize.Token;
import dev.attentionlab.engine.tokenize.Vocabulary;
import java.util.ArrayList;
import java.util.List;

/** Computes a {@link Trace} from {@link TraceSettings}: text → tokens → X → attention → next token. */
public final class TraceEngine {
    private TraceEngine() {}

    public static Trace compute(TraceSettings s) {
        return compute(s, new TorchGenerator(s.sampling().sampleSeed()));
    }

    /**
     * @param sampler the generator the next-token draw uses; passing the same one across calls makes
     *                "generate N" draw what N successive {@code torch.multinomial} calls draw
     */
    public static Trace compute(TraceSettings s, TorchGenerator sampler) {
        long start = System.nanoTime();
        validate(s);
        List<String> notes = new ArrayList<>();
        ModelSource source = ModelSource.of(s);
        ModelSource.Built built = source.build(s, source.tokenize(s, notes));
        ModelSource.Tokenized tk = built.tokens();
        Transformer model = built.model();
        if (s.model().modelBlock() < 0 || s.model().modelBlock() >= model.blocks().size()) {
            throw new InvalidInputException("the model has blocks 1…" + model.blocks().size() + ", not " + (s.model().modelBlock() + 1));
        }
        MaskMatrix mask = buildMask(s, tk.tokens().size(), tk.sourceTokens().size(), tk.real(), notes);
        Transformer.Pass pass = model.forward(built.x(), built.sourceX(), s.attentionConfig(), mask);
        SamplingResult sampling = null;
        Trace.Pooling pooling = null;
        if (model.predictsTokens()) {
            int[] candidates = built.candidates().stream().mapToInt(Vocabulary.Entry::id).toArray();
            float[] logits = model.logits(pass, Trace.lastReal(tk.tokens()), candidates);
            sampling = Sampler.sample(logits, s.samplingConfig(), sampler);
        } else {
            pooling = pool(s, source, model, pass, tk.real());
        }
        pass.blocks().get(s.model().modelBlock()).attention().rowNotes().forEach(n -> notes.add(n.reason()));
        return new Trace(s, source, tk.tokenizer(), tk.tokens(), tk.sourceTokens(), model, pass, built.renormalised(),
                built.candidates(), sampling, pooling, notes, System.nanoTime() - start);
    }

    /** The sentence embedding, and when a second sentence is given, its embedding and their cosine similarity. */
    private static Trace.Pooling pool(TraceSettings s, ModelSource source, Transformer model, Transformer.Pass pass, int real) {
        Matrix mean = MeanPooling.mean(pass.hidden(), real);
        Matrix embedding = MeanPooling.normalise(mean);
        Trace.Comparison other = null;
        if (s.input().sourceText() != null && source instanceof ModelSource.Pretrained p) {
            List<Token> tokens = p.pieces(s.input().sourceText(), "the second sentence");
            int[] ids = tokens.stream().mapToInt(Token::id).toArray();
            // The second sentence is read the way the first is: whole, or causally when that mask is picked.
            MaskMatrix otherMask = s.attention().mask() == MaskKind.CAUSAL ? MaskMatrix.causal(ids.length, ids.length) : null;
            Transformer.Pass second = model.forward(model.embedding().lookup(ids).rows(), null, s.attentionConfig(), otherMask);
            Matrix otherEmbedding = MeanPooling.normalise(MeanPooling.mean(second.hidden(), ids.length));
            other = new Trace.Comparison(s.input().sourceText(), tokens, otherEmbedding,
                    MeanPooling.dot(embedding.raw(), otherEmbedding.raw()));
        }
        return new Trace.Pooling(mean, embedding, other);
    }

    /**
     * The attention grid's shape for these settings, [queries, keys], without computing anything else:
     * what a custom mask must cover.
     */
    public static int[] attentionShape(TraceSettings s) {
        ModelSource.Tokenized tk = ModelSource.of(s).tokenize(s, new ArrayList<>());
        return new int[] {tk.tokens().size(), tk.sourceTokens().size()};
    }

    /** Appends {@code n} sampled tokens, one trace per token, drawing from one generator as torch would. */
    public static List<Trace> generate(TraceSettings s, int n) {
        if (n < 1 || n > Limits.MAX_TOKENS) throw new InvalidInputException("generate needs 1…" + Limits.MAX_TOKENS + " tokens, got " + n);
        Continuation.Traced c = Continuation.traced(s, n);
        List<Trace> traces = new ArrayList<>(n);
        while (c.hasNext()) {
            c.next();
            traces.add(c.trace());
        }
        return traces;
    }

    private static void validate(TraceSettings s) {
        if (s.input().text() == null || s.input().text().isBlank()) throw new InvalidInputException("the text is empty: type a sentence");
        Limits.checkText("the text", s.input().text());
        Limits.checkText("the source text", s.input().sourceText());
        SettingCatalogue.checkEach(s);
        Limits.checkHeadsDivide(s.model().heads(), s.model().dModel());
        Limits.checkProjection("heads × d_k", s.model().heads(), s.model().dk());
        Limits.checkProjection("heads × d_v", s.model().heads(), s.model().dv());
        if (s.attention().mask() == MaskKind.CUSTOM && s.attention().customMask() == null) {
            throw new InvalidInputException("the custom mask is empty: draw one in the mask editor or pick another mask");
        }
        if (s.model().pretrained() != null && s.input().sourceText() != null && s.input().sourceText().isBlank()) {
            throw new InvalidInputException("the second sentence is empty: type one to compare with, or turn comparing off");
        }
        if (s.input().sourceText() != null && s.input().sourceText().isBlank() && s.input().inputOverride() == null) {
            throw new InvalidInputException("the source text for cross-attention is empty: type the sentence keys and values come from, or use self-attention");
        }
    }

    static MaskMatrix buildMask(TraceSettings s, int lq, int lk, int real, List<String> notes) {
        return switch (s.attention().mask()) {
            case NONE -> null;
            case CAUSAL -> MaskMatrix.causal(lq, lk);
            case PADDING -> {
                boolean[] padded = new boolean[lk];
                for (int j = real; j < lk; j++) padded[j] = true;
                if (lk == real) notes.add("padding mask: nothing is padded; set 'pad to' above the " + real + " tokens");
                yield MaskMatrix.keyPadding(lq, padded);
            }
            case CUSTOM -> {
                MaskMatrix m = s.attention().customMask();
                if (m.rows() != lq || m.cols() != lk) {
                    throw new InvalidInputException("the custom mask is " + m.rows() + "×" + m.cols()
                            + " but attention here is " + lq + "×" + lk + ": redraw it for this sentence");
                }
                yield m;
            }
        };
    }
}
