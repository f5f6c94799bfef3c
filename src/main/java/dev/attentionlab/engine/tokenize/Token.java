package dev.attentionlab.engine.tokenize;

/** One token: its text, vocabulary id, and the character span [start, end) it covers in the input. */
public record Token(String text, int id, int start, int end) {}
