package dev.attentionlab.engine.trace;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.Limits;
import dev.attentionlab.engine.model.AttentionWeights;
import dev.attentionlab.engine.model.Block;
import dev.attentionlab.engine.model.Embedding;
import dev.attentionlab.engine.model.ImportedWeights;
import dev.attentionlab.engine.model.LmConfig;
import dev.attentionlab.engine.model.MaskKind;
import dev.attentionlab.engine.model.Positions;
import dev.attentionlab.engine.model.PretrainedModel;
import dev.attentionlab.engine.model.TrainedModel;
import dev.attentionlab.engine.model.Transformer;
import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.tokenize.Token;
import dev.attentionlab.engine.tokenize.Tokenizer;
import dev.attentionlab.engine.tokenize.TokenizerKind;
import dev.attentionlab.engine.tokenize.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where a trace's model comes from. Each source reads the text its own way and builds the one model
 * type, {@link Transformer}; past {@link #build}, nothing in the engine asks which source it has.
 */
public sealed interface ModelSource permits ModelSource.Seeded, ModelSource.Imported, ModelSource.Trained,
        ModelSource.Pretrained {

    /**
     * The tokens a model reads: the queries (padding appended up to pad-to), the keys and values (the
     * source text for cross-attention, else the queries), and how many queries are real tokens.
     */
    record Tokenized(Tokenizer tokenizer, List<Token> tokens, List<Token> sourceTokens, boolean cross, int real) {}

    /**
     * A source's model for one text, and the rows its first block reads.
     *
     * @param x            token vectors [L × d] (padding rows zero)
     * @param sourceX      the source sentence's token vectors for cross-attention, else null
     * @param renormalised rows of x that the embedding's max_norm rescaled
     * @param candidates   the next-token candidates, in the order of the sampling rows
     */
    record Built(Tokenized tokens, Transformer model, Matrix x, Matrix sourceX, List<Integer> renormalised,
                 List<Vocabulary.Entry> candidates) {}

    static ModelSource of(TraceSettings s) {
        if (s.model().pretrained() != null) return new Pretrained(s.model().pretrained());
        if (s.model().trained() != null) return new Trained(s.model().trained());
        if (s.model().weights() != null) return new Imported(s.model().weights(), s.model().seed());
        return new Seeded(s.model().seed());
    }

    /** The sources by name: how lessons write them and how messages say them. */
    enum Kind {
        SEEDED("seeded", "seeded weights"), IMPORTED("imported", "imported weights"), TRAINED("trained", "a trained model"),
        PRETRAINED("pretrained", "a pretrained model");

        private final String key;
        private final String description;

        Kind(String key, String description) {
            this.key = key;
            this.description = description;
        }

        public String key() {
            return key;
        }

        public String description() {
            return description;
        }
    }

    Kind kind();

    /** The seeded way by default: the settings' tokenizer fitted to the text, padding, cross-attention. */
    default Tokenized tokenize(TraceSettings s, List<String> notes) {
        return seededTokens(s);
    }

    Built build(TraceSettings s, Tokenized tk);

    /**
     * Where the weights of {@code kind} in block {@code block} came from, as an explanation says it;
     * {@link MatrixKind#X} stands for the embedding table the rows of X come from.
     */
    String origin(MatrixKind kind, int block);

    /** The notebook, the small multi-head layer and custom settings: one block drawn from a seed. */
    record Seeded(long seed) implements ModelSource {
        @Override
        public Kind kind() {
            return Kind.SEEDED;
        }

        @Override
        public Built build(TraceSettings s, Tokenized tk) {
            return seededModel(s, tk, null);
        }

        @Override
        public String origin(MatrixKind kind, int block) {
            return "drawn from seed " + seed;
        }
    }

    /** A user's weights (a PyTorch state_dict); a part they leave out is drawn from the seed. */
    record Imported(ImportedWeights weights, long seed) implements ModelSource {
        @Override
        public Kind kind() {
            return Kind.IMPORTED;
        }

        @Override
        public Built build(TraceSettings s, Tokenized tk) {
            return seededModel(s, tk, weights);
        }

        @Override
        public String origin(MatrixKind kind, int block) {
            boolean imported = kind == MatrixKind.X ? weights.embedding() != null
                    : weights.attention() != null && (kind != MatrixKind.W_O || weights.attention().wo() != null);
            return imported ? "imported" : "drawn from seed " + seed;
        }
    }

    /** The Train tab's model: its characters, its learned embeddings and positions, all its blocks. */
    record Trained(TrainedModel model) implements ModelSource {
        @Override
        public Kind kind() {
            return Kind.TRAINED;
        }

        @Override
        public Tokenized tokenize(TraceSettings s, List<String> notes) {
            LmConfig c = model.config();
            if (s.input().sourceText() != null || s.input().padTo() > 0 || s.input().inputOverride() != null || s.model().weights() != null) {
                throw new InvalidInputException("cross-attention, padding, imported inputs and imported weights do not apply "
                        + "to the trained model: switch back to the seeded weights to use them");
            }
            if (s.input().tokenizer() != TokenizerKind.CHAR) {
                throw new InvalidInputException("the trained model reads characters: pick the character tokenizer, or switch back to the seeded weights");
            }
            if (s.model().dModel() != c.dModel() || s.model().heads() != c.heads() || s.model().dk() != c.dk() || s.model().dv() != c.dk()) {
                throw new InvalidInputException("the trained model has d_model " + c.dModel() + ", " + c.heads() + " heads and d_k = d_v = "
                        + c.dk() + ": switch back to the seeded weights to change shapes");
            }
            List<Token> all = model.tokens(s.input().text());
            int from = Math.max(0, all.size() - c.context());
            if (from > 0) {
                notes.add("the model reads at most " + c.context() + " characters, so the first " + from + " are left out");
            }
            if (s.attention().mask() != MaskKind.CAUSAL) {
                notes.add("the model was trained with the causal mask; with another mask it sees text it never saw in training");
            }
            List<Token> tokens = all.subList(from, all.size());
            return new Tokenized(model.tokenizer(), tokens, tokens, false, tokens.size());
        }

        @Override
        public Built build(TraceSettings s, Tokenized tk) {
            Transformer t = model.weights().transformer();
            checkPass(t, s.model().heads(), tk.tokens().size());
            return new Built(tk, t, t.embedding().weight().selectRows(realIds(tk.tokens(), tk.real())), null, List.of(),
                    tk.tokenizer().vocabulary().entries());
        }

        @Override
        public String origin(MatrixKind kind, int block) {
            return "learned in training, " + String.format(Locale.ROOT, "%,d", model.step()) + " steps"
                    + (block < 0 ? "" : ", block " + (block + 1));
        }
    }

    /**
     * A published model: its own WordPiece pieces, shapes and weights. The settings' second text is the
     * sentence its embedding is compared with, so there is no cross-attention.
     */
    record Pretrained(PretrainedModel model) implements ModelSource {
        @Override
        public Kind kind() {
            return Kind.PRETRAINED;
        }

        @Override
        public Tokenized tokenize(TraceSettings s, List<String> notes) {
            if (s.input().padTo() > 0 || s.input().inputOverride() != null || s.model().weights() != null || s.model().trained() != null) {
                throw new InvalidInputException("padding, imported inputs and other weights do not apply to " + model.name()
                        + ": switch back to the seeded weights to use them");
            }
            if (s.model().dModel() != model.dModel() || s.model().heads() != model.heads() || s.model().dk() != model.dk() || s.model().dv() != model.dk()) {
                throw new InvalidInputException(model.name() + " has d_model " + model.dModel() + ", " + model.heads()
                        + " heads and d_k = d_v = " + model.dk() + ": switch back to the seeded weights to change shapes");
            }
            List<Token> tokens = pieces(s.input().text(), "the text");
            boolean decoder = model.transformer().predictsTokens();
            if (decoder && s.input().sourceText() != null) {
                throw new InvalidInputException(model.name() + " reads one text: a second sentence (cross-attention or a comparison) "
                        + "does not apply to it");
            }
            if (!decoder && s.attention().mask() == MaskKind.CAUSAL) {
                notes.add(model.name() + " was trained to read the whole sentence at once; the causal mask hides what it expects to see");
            }
            if (decoder && s.attention().mask() != MaskKind.CAUSAL) {
                notes.add(model.name() + " was trained with the causal mask; without it each token sees text it never saw in training");
            }
            if (tokens.isEmpty()) throw new InvalidInputException("the text is empty: type something for " + model.name() + " to read");
            return new Tokenized(model.tokenizer(), tokens, tokens, false, tokens.size());
        }

        /** The model's pieces for {@code text}, or a message when there are more than its positions. */
        public List<Token> pieces(String text, String what) {
            List<Token> tokens = model.tokenizer().encode(text);
            if (tokens.size() > model.maxTokens()) {
                throw new InvalidInputException(what + " is " + tokens.size() + (model.tokenizer().kind() == TokenizerKind.WORDPIECE
                        ? " WordPiece tokens with [CLS] and [SEP]; " : " tokens; ") + model.name() + " reads at most " + model.maxTokens() + ": shorten it");
            }
            return tokens;
        }

        @Override
        public Built build(TraceSettings s, Tokenized tk) {
            Transformer t = model.transformer();
            checkPass(t, model.heads(), tk.tokens().size());
            return new Built(tk, t, t.embedding().lookup(realIds(tk.tokens(), tk.real())).rows(), null, List.of(),
                    t.predictsTokens() ? tk.tokenizer().vocabulary().entries() : List.of());
        }

        @Override
        public String origin(MatrixKind kind, int block) {
            return "pretrained: " + model.provenance() + (block < 0 ? "" : ", layer " + (block + 1));
        }
    }

    /** Refuses, with the figure, a pass through {@code t} that this JVM's heap could not hold. */
    private static void checkPass(Transformer t, int heads, int tokens) {
        int hidden = t.blocks().stream().filter(b -> b.mlp() != null).mapToInt(b -> b.mlp().hidden()).max().orElse(0);
        MemoryBudget.check("a trace of " + tokens + " tokens through " + t.blocks().size() + " blocks",
                MemoryBudget.passBytes(t.blocks().size(), heads, t.dModel() / heads, t.dModel(), hidden, tokens));
    }

    private static Tokenized seededTokens(TraceSettings s) {
        boolean cross = s.input().sourceText() != null && s.input().inputOverride() == null;
        String vocabText = cross ? s.input().text() + " " + s.input().sourceText() : s.input().text();
        Tokenizer tokenizer = s.input().tokenizer().fit(vocabText, s.input().bpeMerges(), s.input().bpeCorpus());
        List<Token> tokens = new ArrayList<>(s.input().inputOverride() == null ? tokenizer.encode(s.input().text()) : overrideTokens(s.input().inputOverride()));
        Limits.checkTokens("the text", tokens.size());
        List<Token> sourceTokens = cross ? tokenizer.encode(s.input().sourceText()) : tokens;
        if (cross) Limits.checkTokens("the source text", sourceTokens.size());
        int real = tokens.size();
        if (s.input().padTo() > Limits.MAX_TOKENS) {
            throw new InvalidInputException("pad-to " + s.input().padTo() + " is over the limit of " + Limits.MAX_TOKENS + " tokens");
        }
        int textEnd = s.input().text().length();
        while (!cross && tokens.size() < s.input().padTo()) tokens.add(new Token(Trace.PAD, -1, textEnd, textEnd));
        return new Tokenized(tokenizer, tokens, sourceTokens, cross, real);
    }

    /** One attention block drawn from the seed, with {@code imported}'s parts (if any) in place of the drawn ones. */
    private static Built seededModel(TraceSettings s, Tokenized tk, ImportedWeights imported) {
        Vocabulary vocab = tk.tokenizer().vocabulary();
        int rows = s.model().vocabSize() > 0 ? s.model().vocabSize() : vocab.idSpan();
        if (rows < vocab.idSpan()) {
            throw new InvalidInputException("vocabulary size " + rows + " is smaller than the tokenizer's " + vocab.idSpan() + " ids");
        }
        Limits.checkVocab(rows);
        MemoryBudget.check("this trace", MemoryBudget.traceBytes(rows, vocab.entries().size(), s.model().dModel(), s.model().heads(), s.model().dk(), s.model().dv(),
                tk.tokens().size(), tk.sourceTokens().size()));
        SeededWeights seeded = SeededWeights.draw(s, rows);
        Embedding embedding = seeded.embedding();
        AttentionWeights weights = seeded.attention();
        if (imported != null) {
            embedding = importedEmbedding(s, imported, embedding, vocab);
            weights = importedAttention(s, imported, weights);
        }
        Matrix x;
        List<Integer> renormalised = List.of();
        if (s.input().inputOverride() != null) {
            if (s.input().inputOverride().cols() != s.model().dModel()) {
                throw new InvalidInputException("x has " + s.input().inputOverride().cols() + " columns but d_model is " + s.model().dModel());
            }
            x = padRows(s.input().inputOverride(), tk.tokens().size());
        } else {
            Embedding.Lookup lookup = embedding.lookup(realIds(tk.tokens(), tk.real()));
            renormalised = lookup.renormalisedRows();
            x = padRows(lookup.rows(), tk.tokens().size());
        }
        Matrix sourceX = tk.cross() ? embedding.lookup(realIds(tk.sourceTokens(), tk.sourceTokens().size())).rows() : null;
        Positions positions = s.model().positional() ? new Positions.Sinusoidal() : new Positions.None();
        Transformer model = new Transformer(embedding, positions, List.of(Block.attentionOnly(weights, tk.cross(), s.model().residualNorm())), null);
        return new Built(tk, model, x, sourceX, renormalised, vocab.entries());
    }

    private static List<Token> overrideTokens(Matrix x) {
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < x.rows(); i++) out.add(new Token("x" + i, i, 0, 0));
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

    private static Embedding importedEmbedding(TraceSettings s, ImportedWeights w, Embedding seeded, Vocabulary vocab) {
        Matrix e = w.embedding();
        if (e == null) return seeded;
        if (e.cols() != s.model().dModel()) {
            throw new InvalidInputException("embedding weight is " + e.shape() + " but d_model is " + s.model().dModel());
        }
        if (e.rows() < vocab.idSpan()) {
            throw new InvalidInputException("embedding weight has " + e.rows() + " rows but the tokenizer needs " + vocab.idSpan());
        }
        return new Embedding(e, seeded.paddingIdx(), seeded.maxNorm(), seeded.normType());
    }

    private static AttentionWeights importedAttention(TraceSettings s, ImportedWeights imported, AttentionWeights seeded) {
        AttentionWeights w = imported.attention();
        if (w == null) return seeded;
        if (w.dModel() != s.model().dModel()) {
            throw new InvalidInputException("W_q has " + w.dModel() + " rows but d_model is " + s.model().dModel());
        }
        if (w.wq().cols() != s.model().heads() * s.model().dk()) {
            throw new InvalidInputException("W_q is " + w.wq().shape() + " but heads × d_k = " + s.model().heads() * s.model().dk());
        }
        if (w.wv().cols() != s.model().heads() * s.model().dv()) {
            throw new InvalidInputException("W_v is " + w.wv().shape() + " but heads × d_v = " + s.model().heads() * s.model().dv());
        }
        if (w.wo() == null) {
            // The seeded W_o maps heads·d_v back to d_model, so the logits step still has a d_model vector.
            return new AttentionWeights(w.wq(), w.wk(), w.wv(), w.bq(), w.bk(), w.bv(), seeded.wo(), seeded.bo());
        }
        if (w.wo().cols() != s.model().dModel()) {
            throw new InvalidInputException("W_o is " + w.wo().shape() + " but must map to d_model " + s.model().dModel());
        }
        return w;
    }
}
