package dev.attentionlab.engine.train;

/** One evaluation during training: mean cross-entropy (nats per character) on fixed training and validation batches. */
public record TrainingPoint(int step, double trainLoss, double valLoss, double stepsPerSecond) {}
