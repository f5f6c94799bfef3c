package dev.attentionlab.ui;

/** A cell of a named trace matrix (see {@link dev.attentionlab.engine.trace.Trace#matrices()}). */
public record CellRef(String matrix, int row, int col) {}
