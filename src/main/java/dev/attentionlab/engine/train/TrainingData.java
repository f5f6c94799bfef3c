package dev.attentionlab.engine.train;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.LmConfig;
import dev.attentionlab.engine.rng.TorchGenerator;
import dev.attentionlab.engine.tokenize.CharTokenizer;
import dev.attentionlab.engine.tokenize.Token;
import dev.attentionlab.engine.tokenize.Vocabulary;
import java.util.Arrays;
import java.util.List;

/**
 * A corpus as character ids, split into a training part (the first 90 %) and a validation part (the
 * rest) that the model never learns from, with seeded batches of windows.
 */
public final class TrainingData {
    public static final double TRAIN_FRACTION = 0.9;

    private final List<String> alphabet;
    private final int[] train;
    private final int[] validation;

    private TrainingData(List<String> alphabet, int[] train, int[] validation) {
        this.alphabet = alphabet;
        this.train = train;
        this.validation = validation;
    }

    /** @param context the window length the model will read; each part needs at least one window plus its target */
    public static TrainingData of(String text, int context) {
        if (text == null || text.isBlank()) throw new InvalidInputException("the training text is empty");
        CharTokenizer tokenizer = CharTokenizer.fit(text);
        List<String> alphabet = tokenizer.vocabulary().entries().stream().map(Vocabulary.Entry::text).toList();
        if (alphabet.size() < 2) throw new InvalidInputException("the training text needs at least two different characters");
        if (alphabet.size() > LmConfig.MAX_VOCAB) {
            throw new InvalidInputException("the training text has " + alphabet.size() + " different characters; the limit is " + LmConfig.MAX_VOCAB);
        }
        int[] ids = tokenizer.encode(text).stream().mapToInt(Token::id).toArray();
        int cut = (int) Math.round(ids.length * TRAIN_FRACTION);
        int needed = context + 1;
        if (cut < needed || ids.length - cut < needed) {
            int minimum = (int) Math.ceil(needed / (1 - TRAIN_FRACTION) - 1e-9);
            throw new InvalidInputException("the training text has " + ids.length + " characters; with a context of "
                    + context + " it needs at least " + minimum);
        }
        return new TrainingData(alphabet, Arrays.copyOfRange(ids, 0, cut), Arrays.copyOfRange(ids, cut, ids.length));
    }

    public List<String> alphabet() {
        return alphabet;
    }

    public int trainLength() {
        return train.length;
    }

    public int validationLength() {
        return validation.length;
    }

    /** Windows of {@code context} ids and the same windows shifted by one (the targets). */
    public record Batch(int[][] inputs, int[][] targets) {}

    /** {@code size} windows at offsets drawn from {@code g}, from the training or the validation part. */
    public Batch batch(TorchGenerator g, int size, int context, boolean fromValidation) {
        int[] ids = fromValidation ? validation : train;
        int starts = ids.length - context;
        int[][] in = new int[size][];
        int[][] out = new int[size][];
        for (int b = 0; b < size; b++) {
            int s = (int) (g.random() % starts);
            in[b] = Arrays.copyOfRange(ids, s, s + context);
            out[b] = Arrays.copyOfRange(ids, s + 1, s + context + 1);
        }
        return new Batch(in, out);
    }
}
