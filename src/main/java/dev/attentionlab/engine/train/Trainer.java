package dev.attentionlab.engine.train;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.LanguageModel;
import dev.attentionlab.engine.model.LmConfig;
import dev.attentionlab.engine.model.LmParameters;
import dev.attentionlab.engine.model.LmSize;
import dev.attentionlab.engine.model.LmWeights;
import dev.attentionlab.engine.model.TrainedModel;
import dev.attentionlab.engine.rng.TorchGenerator;

/**
 * Trains a {@link LanguageModel} on {@link TrainingData}: seeded initialisation and batches, Adam,
 * gradient clipping, and an evaluation (with a snapshot of the model) every {@code evalEvery} steps.
 * A run with the same data and options gives the same numbers.
 */
public final class Trainer {

    /**
     * @param evalBatches how many fixed batches each loss estimate averages (drawn once, so successive
     *                    points differ only because the model changed)
     */
    public record Options(int steps, int batchSize, double learningRate, double clip, long seed, int evalEvery, int evalBatches) {
        public Options {
            if (steps < 0 || steps > 1_000_000) throw new InvalidInputException("steps must be 0…1000000, got " + steps);
            if (batchSize < 1 || batchSize > 512) throw new InvalidInputException("the batch size must be 1…512, got " + batchSize);
            if (!(clip > 0)) throw new InvalidInputException("the clipping norm must be positive, got " + clip);
            if (evalEvery < 1) throw new InvalidInputException("evaluate every ≥ 1 steps, got " + evalEvery);
            if (evalBatches < 1) throw new InvalidInputException("evaluation needs at least one batch, got " + evalBatches);
        }

        public static Options defaults() {
            return new Options(2000, 16, 3e-3, 1.0, 1, 50, 4);
        }

        public Options withSteps(int n) {
            return new Options(n, batchSize, learningRate, clip, seed, evalEvery, evalBatches);
        }

        public Options withEvalEvery(int n) {
            return new Options(steps, batchSize, learningRate, clip, seed, n, evalBatches);
        }

        public Options withSeed(long s) {
            return new Options(steps, batchSize, learningRate, clip, s, evalEvery, evalBatches);
        }
    }

    /** What the caller sees of a run; {@link #proceed()} may block (pause) and returns false to stop. */
    public interface Listener {
        void evaluated(TrainingPoint point, TrainedModel snapshot);

        default boolean proceed() {
            return true;
        }
    }

    private final TrainingData data;
    private final LmConfig config;
    private final Options options;
    private final LmParameters params;
    private final Adam adam;
    private final TorchGenerator batches;
    private final TrainingData.Batch[] trainEval;
    private final TrainingData.Batch[] valEval;
    private int step;

    public Trainer(TrainingData data, LmSize size, Options options) {
        this.data = data;
        this.config = size.config(data.alphabet().size());
        this.options = options;
        this.params = LmParameters.init(config, options.seed());
        this.adam = new Adam(config, options.learningRate());
        // Batches come from their own stream, so they do not shift when the model's shape changes.
        this.batches = new TorchGenerator(options.seed() + 1);
        TorchGenerator evalDraws = new TorchGenerator(options.seed() + 2);
        this.trainEval = new TrainingData.Batch[options.evalBatches()];
        this.valEval = new TrainingData.Batch[options.evalBatches()];
        for (int i = 0; i < options.evalBatches(); i++) {
            trainEval[i] = data.batch(evalDraws, options.batchSize(), config.context(), false);
            valEval[i] = data.batch(evalDraws, options.batchSize(), config.context(), true);
        }
    }

    public LmConfig config() {
        return config;
    }

    public Options options() {
        return options;
    }

    public int step() {
        return step;
    }

    /** One update on a fresh batch; returns that batch's loss before the update. */
    public double trainStep() {
        TrainingData.Batch b = data.batch(batches, options.batchSize(), config.context(), false);
        LanguageModel.Gradient g = LanguageModel.gradient(params.weights(), b.inputs(), b.targets());
        GradientClipping.clip(g.grads(), options.clip());
        adam.step(params, g.grads());
        step++;
        return g.loss();
    }


    private static double meanLoss(LmWeights w, TrainingData.Batch[] batches) {
        double s = 0;
        for (TrainingData.Batch b : batches) s += LanguageModel.loss(w, b.inputs(), b.targets());
        return s / batches.length;
    }

    public int parameterCount() {
        return params.count();
    }

    public TrainedModel model() {
        return new TrainedModel(data.alphabet(), params.weights(), step);
    }

    /**
     * Evaluates at step 0, then trains for the remaining steps, evaluating every {@code evalEvery}
     * steps and after the last; stops early when the listener says so (evaluating where it stopped).
     */
    public TrainedModel run(Listener listener) {
        report(listener, 0);
        // Steps per second count training time only, not evaluations or time spent paused.
        long trainingNanos = 0;
        int startStep = step;
        while (step < options.steps()) {
            if (!listener.proceed()) break;
            long t0 = System.nanoTime();
            trainStep();
            trainingNanos += System.nanoTime() - t0;
            if (step % options.evalEvery() == 0 || step == options.steps()) {
                report(listener, (step - startStep) / (trainingNanos / 1e9));
            }
        }
        if (step % options.evalEvery() != 0 && step != options.steps()) {
            report(listener, (step - startStep) / (trainingNanos / 1e9));
        }
        return model();
    }

    /** Loss on the fixed training and validation batches, and the model they were measured on (one copy). */
    private void report(Listener listener, double stepsPerSecond) {
        LmWeights w = params.weights();
        listener.evaluated(new TrainingPoint(step, meanLoss(w, trainEval), meanLoss(w, valEval), stepsPerSecond),
                new TrainedModel(data.alphabet(), w, step));
    }
}
