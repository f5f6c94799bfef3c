package dev.attentionlab.engine.trace;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.Limits;
import dev.attentionlab.engine.model.AttentionConfig;
import dev.attentionlab.engine.model.AttentionResult;
import dev.attentionlab.engine.model.AttentionWeights;
import dev.attentionlab.engine.model.Embedding;
import dev.attentionlab.engine.model.LanguageModel;
import dev.attentionlab.engine.model.LmConfig;
import dev.attentionlab.engine.model.MaskKind;
import dev.attentionlab.engine.model.MultiHeadAttention;
import dev.attentionlab.engine.model.PositionalEncoding;
import dev.attentionlab.engine.model.Sampler;
import dev.attentionlab.engine.model.SamplingResult;
import dev.attentionlab.engine.model.TrainedModel;
import dev.attentionlab.engine.rng.TorchGenerator;
import dev.attentionlab.engine.tensor.MaskMatrix;
import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.tokenize.CharTokenizer;
import dev.attentionlab.engine.tokenize.Token;
import dev.attentionlab.engine.tokenize.Tokenizer;
import dev.attentionlab.engine.tokenize.TokenizerKind;
import dev.attentionlab.engine.tokenize.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Computes a {@link Trace} from {@link TraceSettings}: text → tokens → X → attention → next token. */
public final class TraceEngine {
    private TraceEngine() {}

    public static Trace compute(TraceSettings s) {
        return compute(s, new TorchGenerator(s.sampleSeed()));
    }

    /**
     * @param sampler the generator the next-token draw uses; passing the same one across calls makes
     *                "generate N" draw what N successive {@code torch.multinomial} calls draw
     */
    public static Trace compute(TraceSettings s, TorchGenerator sampler) {
        long start = System.nanoTime();
        validate(s);
        if (s.model() != null) return computeWithModel(s, sampler, start);
        List<String> notes = new ArrayList<>();

        Tokenized tk = tokenize(s);
        boolean cross = tk.cross();
        Tokenizer tokenizer = tk.tokenizer();
        List<Token> tokens = tk.tokens();
        List<Token> sourceTokens = tk.sourceTokens();
        int real = tk.real();

        Vocabulary vocab = tokenizer.vocabulary();
        int rows = s.vocabSize() > 0 ? s.vocabSize() : vocab.idSpan();
        if (rows < vocab.idSpan()) {
            throw new InvalidInputException("vocabulary size " + rows + " is smaller than the tokenizer's " + vocab.idSpan() + " ids");
        }
        Limits.checkVocab(rows);
        MemoryBudget.check("this trace", MemoryBudget.traceBytes(rows, vocab.entries().size(), s.dModel(), s.heads(), s.dk(), s.dv(),
                tokens.size(), sourceTokens.size()));
        SeededWeights seeded = SeededWeights.draw(s, rows);
        Embedding embedding = seeded.embedding();
        AttentionWeights weights = seeded.attention();
        if (s.weights() != null) {
            embedding = importedEmbedding(s, embedding, vocab);
            weights = importedAttention(s, weights);
        }

        Matrix x;
        List<Integer> renormalised = List.of();
        if (s.inputOverride() != null) {
            if (s.inputOverride().cols() != s.dModel()) {
                throw new InvalidInputException("x has " + s.inputOverride().cols() + " columns but d_model is " + s.dModel());
            }
            x = padRows(s.inputOverride(), tokens.size());
        } else {
            Embedding.Lookup lookup = embedding.lookup(realIds(tokens, real));
            renormalised = lookup.renormalisedRows();
            x = padRows(lookup.rows(), tokens.size());
        }
        Matrix pe = s.positional() ? PositionalEncoding.sinusoidal(tokens.size(), s.dModel()) : null;
        Matrix input = pe == null ? x : x.plus(pe);
        Matrix sourceInput = input;
        if (cross) {
            Matrix sx = embedding.lookup(realIds(sourceTokens, sourceTokens.size())).rows();
            sourceInput = s.positional() ? sx.plus(PositionalEncoding.sinusoidal(sx.rows(), s.dModel())) : sx;
        }

        MaskMatrix mask = buildMask(s, tokens.size(), sourceTokens.size(), real, notes);
        AttentionResult attention = MultiHeadAttention.forward(input, sourceInput, weights, s.attentionConfig(), mask);

        int last = Trace.lastReal(tokens);
        float[] y = attention.finalOutput().row(last);
        List<Vocabulary.Entry> entries = vocab.entries();
        float[] logits = new float[entries.size()];
        for (int v = 0; v < logits.length; v++) {
            logits[v] = dot(y, embedding.weight(), entries.get(v).id());
        }
        SamplingResult sampling = Sampler.sample(logits, s.samplingConfig(), sampler);
        if (!attention.rowNotes().isEmpty()) attention.rowNotes().forEach(n -> notes.add(n.reason()));

        Trace partial = new Trace(s, tokenizer, tokens, sourceTokens, embedding, x, pe, input, sourceInput,
                renormalised, weights, attention, entries, sampling, List.of(), notes, 0, null);
        return new Trace(s, tokenizer, tokens, sourceTokens, embedding, x, pe, input, sourceInput, renormalised,
                weights, attention, entries, sampling, Steps.of(partial), notes, System.nanoTime() - start, null);
    }

    /**
     * The text through a trained model: its characters, learned embeddings and positions, all its
     * blocks; the attention steps show block {@code modelBlock} (its input is that block's LN₁ of the
     * residual stream) and the logits are the whole model's.
     */
    private static Trace computeWithModel(TraceSettings s, TorchGenerator sampler, long start) {
        TrainedModel m = s.model();
        LmConfig c = m.config();
        if (s.sourceText() != null || s.padTo() > 0 || s.inputOverride() != null || s.weights() != null) {
            throw new InvalidInputException("cross-attention, padding, imported inputs and imported weights do not apply "
                    + "to the trained model: switch back to the seeded weights to use them");
        }
        if (s.tokenizer() != TokenizerKind.CHAR) {
            throw new InvalidInputException("the trained model reads characters: pick the character tokenizer, or switch back to the seeded weights");
        }
        if (s.dModel() != c.dModel() || s.heads() != c.heads() || s.dk() != c.dk() || s.dv() != c.dk()) {
            throw new InvalidInputException("the trained model has d_model " + c.dModel() + ", " + c.heads() + " heads and d_k = d_v = "
                    + c.dk() + ": switch back to the seeded weights to change shapes");
        }
        if (s.modelBlock() < 0 || s.modelBlock() >= c.layers()) {
            throw new InvalidInputException("the model has blocks 1…" + c.layers() + ", not " + (s.modelBlock() + 1));
        }
        List<String> notes = new ArrayList<>();
        CharTokenizer tokenizer = m.tokenizer();
        List<Token> all = m.tokens(s.text());
        int from = Math.max(0, all.size() - c.context());
        if (from > 0) {
            notes.add("the model reads at most " + c.context() + " characters, so the first " + from + " are left out");
        }
        List<Token> tokens = all.subList(from, all.size());
        int[] ids = realIds(tokens, tokens.size());
        MaskMatrix mask = buildMask(s, ids.length, ids.length, ids.length, notes);
        if (s.mask() != MaskKind.CAUSAL) {
            notes.add("the model was trained with the causal mask; with another mask it sees text it never saw in training");
        }
        AttentionConfig cfg = new AttentionConfig(c.heads(), s.scale(), s.fill(), s.attentionTemperature(), false);
        LanguageModel.Pass pass = LanguageModel.forward(m.weights(), ids, cfg, mask);
        LanguageModel.BlockPass block = pass.blocks().get(s.modelBlock());
        AttentionResult attention = block.attention();
        Embedding embedding = new Embedding(m.weights().tokEmb(), -1, Double.NaN, 2.0);
        AttentionWeights weights = m.weights().blocks().get(s.modelBlock()).attention();
        List<Vocabulary.Entry> entries = tokenizer.vocabulary().entries();
        SamplingResult sampling = Sampler.sample(pass.logits().row(ids.length - 1), s.samplingConfig(), sampler);
        attention.rowNotes().forEach(n -> notes.add(n.reason()));
        Matrix input = block.ln1().out();
        Trace partial = new Trace(s, tokenizer, tokens, tokens, embedding, pass.tokens(), pass.positions(), input, input,
                List.of(), weights, attention, entries, sampling, List.of(), notes, 0, pass);
        return new Trace(s, tokenizer, tokens, tokens, embedding, pass.tokens(), pass.positions(), input, input,
                List.of(), weights, attention, entries, sampling, Steps.of(partial), notes, System.nanoTime() - start, pass);
    }

    /**
     * The attention grid's shape for these settings, [queries, keys], without computing anything else:
     * what a custom mask must cover.
     */
    public static int[] attentionShape(TraceSettings s) {
        Tokenized tk = tokenize(s);
        return new int[] {tk.tokens().size(), tk.sourceTokens().size()};
    }

    /**
     * The tokens a trace works on: the queries (padding appended up to pad-to), the keys and values
     * (the source text for cross-attention, else the queries), and how many queries are real tokens.
     */
    private record Tokenized(Tokenizer tokenizer, List<Token> tokens, List<Token> sourceTokens, boolean cross, int real) {}

    private static Tokenized tokenize(TraceSettings s) {
        boolean cross = s.sourceText() != null && s.inputOverride() == null;
        String vocabText = cross ? s.text() + " " + s.sourceText() : s.text();
        Tokenizer tokenizer = s.tokenizer().fit(vocabText, s.bpeMerges(), s.bpeCorpus());
        List<Token> tokens = new ArrayList<>(s.inputOverride() == null ? tokenizer.encode(s.text()) : overrideTokens(s));
        Limits.checkTokens("the text", tokens.size());
        List<Token> sourceTokens = cross ? tokenizer.encode(s.sourceText()) : tokens;
        if (cross) Limits.checkTokens("the source text", sourceTokens.size());
        int real = tokens.size();
        if (s.padTo() > Limits.MAX_TOKENS) {
            throw new InvalidInputException("pad-to " + s.padTo() + " is over the limit of " + Limits.MAX_TOKENS + " tokens");
        }
        int textEnd = s.text().length();
        while (!cross && tokens.size() < s.padTo()) tokens.add(new Token(Trace.PAD, -1, textEnd, textEnd));
        return new Tokenized(tokenizer, tokens, sourceTokens, cross, real);
    }

    /** Appends {@code n} sampled tokens, one trace per token, drawing from one generator as torch would. */
    public static List<Trace> generate(TraceSettings s, int n) {
        return generate(s, n, t -> { });
    }

    /** As {@link #generate(TraceSettings, int)}, handing each trace to {@code onToken} as soon as it is drawn. */
    public static List<Trace> generate(TraceSettings s, int n, java.util.function.Consumer<Trace> onToken) {
        if (n < 1 || n > Limits.MAX_TOKENS) throw new InvalidInputException("generate needs 1…" + Limits.MAX_TOKENS + " tokens, got " + n);
        TorchGenerator g = new TorchGenerator(s.sampleSeed());
        List<Trace> traces = new ArrayList<>(n);
        TraceSettings current = s;
        for (int i = 0; i < n; i++) {
            Trace t = compute(current, g);
            traces.add(t);
            onToken.accept(t);
            current = current.toBuilder().text(t.tokenizer().append(current.text(), t.sampledToken())).build();
        }
        return traces;
    }

    private static void validate(TraceSettings s) {
        if (s.text() == null || s.text().isBlank()) throw new InvalidInputException("the text is empty: type a sentence");
        Limits.checkText("the text", s.text());
        Limits.checkText("the source text", s.sourceText());
        Limits.checkDim("d_model", s.dModel());
        Limits.checkDim("d_k", s.dk());
        Limits.checkDim("d_v", s.dv());
        Limits.checkHeads(s.heads(), s.dModel());
        Limits.checkProjection("heads × d_k", s.heads(), s.dk());
        Limits.checkProjection("heads × d_v", s.heads(), s.dv());
        if (s.mask() == MaskKind.CUSTOM && s.customMask() == null) {
            throw new InvalidInputException("the custom mask is empty: draw one in the mask editor or pick another mask");
        }
        if (s.padTo() < 0) throw new InvalidInputException("pad-to must be ≥ 0, got " + s.padTo());
        if (s.vocabSize() < 0) {
            throw new InvalidInputException("vocabulary size must be ≥ 0 (0 = exactly the tokenizer's ids), got " + s.vocabSize());
        }
        if (s.sourceText() != null && s.sourceText().isBlank() && s.inputOverride() == null) {
            throw new InvalidInputException("the source text for cross-attention is empty: type the sentence keys and values come from, or use self-attention");
        }
        if (s.bpeMerges() < 0) throw new InvalidInputException("BPE merges must be ≥ 0, got " + s.bpeMerges());
        s.attentionConfig();
        s.samplingConfig();
    }

    private static List<Token> overrideTokens(TraceSettings s) {
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < s.inputOverride().rows(); i++) out.add(new Token("x" + i, i, 0, 0));
        return out;
    }

    private static int[] realIds(List<Token> tokens, int count) {
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) ids[i] = tokens.get(i).id();
        return ids;
    }

    /** Padding positions are zero vectors, like an nn.Embedding padding_idx row (imported inputs too). */
    private static Matrix padRows(Matrix rows, int length) {
        if (rows.rows() == length) return rows;
        float[] out = Arrays.copyOf(rows.toArray(), length * rows.cols());
        return Matrix.wrap(length, rows.cols(), out);
    }

    private static float dot(float[] y, Matrix table, int row) {
        float s = 0f;
        for (int j = 0; j < y.length; j++) s += y[j] * table.get(row, j);
        return s;
    }

    static MaskMatrix buildMask(TraceSettings s, int lq, int lk, int real, List<String> notes) {
        return switch (s.mask()) {
            case NONE -> null;
            case CAUSAL -> MaskMatrix.causal(lq, lk);
            case PADDING -> {
                boolean[] padded = new boolean[lk];
                for (int j = real; j < lk; j++) padded[j] = true;
                if (lk == real) notes.add("padding mask: nothing is padded; set 'pad to' above the " + real + " tokens");
                yield MaskMatrix.keyPadding(lq, padded);
            }
            case CUSTOM -> {
                MaskMatrix m = s.customMask();
                if (m.rows() != lq || m.cols() != lk) {
                    throw new InvalidInputException("the custom mask is " + m.rows() + "×" + m.cols()
                            + " but attention here is " + lq + "×" + lk + ": redraw it for this sentence");
                }
                yield m;
            }
        };
    }

    private static Embedding importedEmbedding(TraceSettings s, Embedding seeded, Vocabulary vocab) {
        Matrix e = s.weights().embedding();
        if (e == null) return seeded;
        if (e.cols() != s.dModel()) {
            throw new InvalidInputException("embedding weight is " + e.shape() + " but d_model is " + s.dModel());
        }
        if (e.rows() < vocab.idSpan()) {
            throw new InvalidInputException("embedding weight has " + e.rows() + " rows but the tokenizer needs " + vocab.idSpan());
        }
        return new Embedding(e, seeded.paddingIdx(), seeded.maxNorm(), seeded.normType());
    }

    private static AttentionWeights importedAttention(TraceSettings s, AttentionWeights seeded) {
        AttentionWeights w = s.weights().attention();
        if (w == null) return seeded;
        if (w.dModel() != s.dModel()) {
            throw new InvalidInputException("W_q has " + w.dModel() + " rows but d_model is " + s.dModel());
        }
        if (w.wq().cols() != s.heads() * s.dk()) {
            throw new InvalidInputException("W_q is " + w.wq().shape() + " but heads × d_k = " + s.heads() * s.dk());
        }
        if (w.wv().cols() != s.heads() * s.dv()) {
            throw new InvalidInputException("W_v is " + w.wv().shape() + " but heads × d_v = " + s.heads() * s.dv());
        }
        if (w.wo() == null) {
            // The seeded W_o maps heads·d_v back to d_model, so the logits step still has a d_model vector.
            return new AttentionWeights(w.wq(), w.wk(), w.wv(), w.bq(), w.bk(), w.bv(), seeded.wo(), seeded.bo());
        }
        if (w.wo().cols() != s.dModel()) {
            throw new InvalidInputException("W_o is " + w.wo().shape() + " but must map to d_model " + s.dModel());
        }
        return w;
    }
}
