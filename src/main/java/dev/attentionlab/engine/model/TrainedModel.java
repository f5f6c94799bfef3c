package dev.attentionlab.engine.model;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.rng.TorchGenerator;
import dev.attentionlab.engine.tokenize.CharTokenizer;
import dev.attentionlab.engine.tokenize.Token;
import java.util.List;

/**
 * A language model as training left it at {@code step}: immutable, so it can be shown, sampled,
 * saved or kept as a snapshot while training goes on.
 *
 * @param alphabet the characters, in id order
 */
public record TrainedModel(List<String> alphabet, LmWeights weights, int step) {

    public TrainedModel {
        alphabet = List.copyOf(alphabet);
        for (int i = 0; i < alphabet.size(); i++) {
            String c = alphabet.get(i);
            if (c.codePointCount(0, c.length()) != 1 || (i > 0 && alphabet.get(i - 1).codePointAt(0) >= c.codePointAt(0))) {
                throw new InvalidInputException("the model's alphabet must be single characters in code-point order");
            }
        }
        if (alphabet.size() != weights.config().vocab()) {
            throw new InvalidInputException("the model has " + weights.config().vocab() + " token rows but "
                    + alphabet.size() + " characters");
        }
    }

    public LmConfig config() {
        return weights.config();
    }

    public CharTokenizer tokenizer() {
        return CharTokenizer.fit(String.join("", alphabet));
    }

    /** The text as the model's characters, or an error naming the first one it never saw. */
    public List<Token> tokens(String text) {
        try {
            return tokenizer().encode(text);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.getMessage() + " of the trained model (the " + alphabet.size()
                    + " characters of its corpus)");
        }
    }

    public int[] encode(String text) {
        return tokens(text).stream().mapToInt(Token::id).toArray();
    }

    /**
     * Continues {@code prompt} by {@code count} characters, each drawn by {@link Sampler} from the
     * model's next-token logits (the model reads the last {@code context} characters).
     */
    public String generate(String prompt, int count, SamplingConfig cfg) {
        if (count < 0 || count > 10_000) throw new InvalidInputException("generate 0…10000 characters, got " + count);
        int[] prefix = encode(prompt);
        if (prefix.length == 0) throw new InvalidInputException("type a few characters for the model to continue");
        TorchGenerator g = new TorchGenerator(cfg.seed());
        int[] ids = java.util.Arrays.copyOf(prefix, prefix.length + count);
        StringBuilder out = new StringBuilder(prompt);
        for (int i = prefix.length; i < ids.length; i++) {
            float[] logits = LanguageModel.nextLogits(weights, ids, i);
            ids[i] = Sampler.sample(logits, cfg, g).sample();
            out.append(alphabet.get(ids[i]));
        }
        return out.toString();
    }
}
