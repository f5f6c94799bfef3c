package dev.attentionlab.engine.model;

/** A remark on one row of a result, e.g. why a softmax row is NaN. */
public record RowNote(int row, String reason) {}
