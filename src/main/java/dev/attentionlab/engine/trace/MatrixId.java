package dev.attentionlab.engine.trace;

import dev.attentionlab.engine.InvalidInputException;

/**
 * Which matrix of a trace: its kind, its block (from 0) and its head (from 0). Model-wide kinds have
 * block and head −1; block-wide kinds have head −1.
 *
 * <p>As text (files, the command line) a name is {@code [bB.][hH.]kind} counted from 1, and the block
 * may be left out for block 1, so "h1.weights" means what it always meant: head 1 of the first block.
 */
public record MatrixId(int block, int head, MatrixKind kind) {

    public MatrixId {
        switch (kind.scope()) {
            case MODEL -> {
                if (block != -1 || head != -1) throw new IllegalArgumentException(kind.key() + " belongs to the whole model");
            }
            case BLOCK -> {
                if (block < 0 || head != -1) throw new IllegalArgumentException(kind.key() + " needs a block and no head");
            }
            case HEAD -> {
                if (block < 0 || head < 0) throw new IllegalArgumentException(kind.key() + " needs a block and a head");
            }
        }
    }

    public static MatrixId model(MatrixKind kind) {
        return new MatrixId(-1, -1, kind);
    }

    public static MatrixId block(int block, MatrixKind kind) {
        return new MatrixId(block, -1, kind);
    }

    public static MatrixId head(int block, int head, MatrixKind kind) {
        return new MatrixId(block, head, kind);
    }

    /** Another kind in the same block and head (e.g. a head's Q beside its scores). */
    public MatrixId kindAs(MatrixKind other) {
        if (other.scope() != kind.scope()) throw new IllegalArgumentException(other.key() + " is not " + kind.scope().name().toLowerCase(java.util.Locale.ROOT) + "-wide");
        return new MatrixId(block, head, other);
    }

    /** "b2.h1.weights"; the block is left out for block 1. */
    public String name() {
        StringBuilder b = new StringBuilder();
        if (block > 0) b.append('b').append(block + 1).append('.');
        if (head >= 0) b.append('h').append(head + 1).append('.');
        return b.append(kind.key()).toString();
    }

    @Override
    public String toString() {
        return name();
    }

    /** Reads a name as {@link #name()} writes it; also accepts "b1." for the first block. */
    public static MatrixId parse(String name) {
        String rest = name;
        int block = -1;
        int head = -1;
        if (rest.matches("b[1-9]\\d{0,3}\\..*")) {
            block = Integer.parseInt(rest.substring(1, rest.indexOf('.'))) - 1;
            rest = rest.substring(rest.indexOf('.') + 1);
        }
        if (rest.matches("h[1-9]\\d{0,3}\\..*")) {
            head = Integer.parseInt(rest.substring(1, rest.indexOf('.'))) - 1;
            rest = rest.substring(rest.indexOf('.') + 1);
        }
        MatrixKind kind = MatrixKind.ofKey(rest);
        if (kind == null) throw new InvalidInputException("no matrix '" + name + "'");
        return switch (kind.scope()) {
            case MODEL -> {
                if (block >= 0 || head >= 0) throw new InvalidInputException("'" + kind.key() + "' belongs to the whole model, not to a block or head: " + name);
                yield model(kind);
            }
            case BLOCK -> {
                if (head >= 0) throw new InvalidInputException("'" + kind.key() + "' has no heads: " + name);
                yield block(Math.max(block, 0), kind);
            }
            case HEAD -> {
                if (head < 0) throw new InvalidInputException("'" + kind.key() + "' is per head: name one, as in h1." + kind.key());
                yield head(Math.max(block, 0), head, kind);
            }
        };
    }
}
