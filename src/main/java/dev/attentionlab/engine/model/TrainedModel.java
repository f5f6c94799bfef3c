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
}
