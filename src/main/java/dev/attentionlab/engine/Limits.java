package dev.attentionlab.engine;

/** Sizes the engine accepts; beyond them the answer is a clear message, never a stack trace. */
public final class Limits {
    public static final int MAX_TOKENS = 512;
    public static final int MAX_DIM = 1024;
    public static final int MAX_HEADS = 64;
    public static final int MAX_VOCAB = 1_000_000;
    /** 512 tokens never need more; a longer text is refused before a tokenizer builds millions of tokens. */
    public static final int MAX_TEXT_CHARS = 100_000;

    private Limits() {}

    public static void checkTokens(String what, int count) {
        if (count > MAX_TOKENS) {
            throw new InvalidInputException(what + " has " + count + " tokens; the limit is " + MAX_TOKENS + " tokens");
        }
        if (count == 0) throw new InvalidInputException(what + " has no tokens: type at least one word");
    }

    public static void checkText(String what, String text) {
        if (text != null && text.length() > MAX_TEXT_CHARS) {
            throw new InvalidInputException(what + " has " + text.length() + " characters; the limit is " + MAX_TEXT_CHARS
                    + " (and " + MAX_TOKENS + " tokens)");
        }
    }

    public static void checkDim(String name, int value) {
        if (value < 1) throw new InvalidInputException(name + " must be at least 1, got " + value);
        if (value > MAX_DIM) {
            throw new InvalidInputException(name + " = " + value + " is over the limit of " + MAX_DIM);
        }
    }

    /**
     * The width of all heads together: four times the widest d_model, so any real layout fits (GPT-2 XL
     * uses 1600) while 64 heads of 1024 (a 1024 × 65,536 projection, seconds to draw) are refused.
     */
    public static final int MAX_PROJECTION = 4 * MAX_DIM;

    public static void checkProjection(String what, int heads, int width) {
        if ((long) heads * width > MAX_PROJECTION) {
            throw new InvalidInputException(what + " = " + heads + " × " + width + " = " + (long) heads * width
                    + " is over the limit of " + MAX_PROJECTION);
        }
    }

    /** That the heads split d_model evenly; their count on its own (1…{@link #MAX_HEADS}) is checked before, as a setting's range. */
    public static void checkHeadsDivide(int heads, int dModel) {
        if (dModel % heads != 0) {
            throw new InvalidInputException(heads + " heads do not divide d_model " + dModel);
        }
    }

    public static void checkVocab(int size) {
        if (size < 1 || size > MAX_VOCAB) {
            throw new InvalidInputException("vocabulary size " + size + " is outside 1…" + MAX_VOCAB);
        }
    }
}
