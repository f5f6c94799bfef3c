package dev.attentionlab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.LmSize;
import dev.attentionlab.engine.model.TrainedModel;
import dev.attentionlab.engine.train.Trainer;
import dev.attentionlab.engine.train.TrainingData;
import dev.attentionlab.engine.train.TrainingPoint;
import dev.attentionlab.io.BundledCorpus;
import dev.attentionlab.io.Json;
import dev.attentionlab.io.ModelFile;
import dev.attentionlab.io.TextFiles;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train the tiny language model on a text and save it as safetensors (open it in the window's Train tab).")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--corpus", paramLabel = "FILE", description = "a UTF-8 text file (default: the bundled stories)")
    Path corpus;

    @Option(names = "--size", defaultValue = "small", description = "tiny | small | medium (default: ${DEFAULT-VALUE})")
    String size;

    @Option(names = "--steps", defaultValue = "2000", description = "Adam updates (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--seed", defaultValue = "1", description = "initialisation and batch seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--batch", defaultValue = "16", description = "sequences per step (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "0.003", description = "Adam learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--eval-every", defaultValue = "50", description = "steps between loss evaluations (default: ${DEFAULT-VALUE})")
    int evalEvery;

    @Option(names = "--json", description = "print one JSON object per evaluation instead of a table")
    boolean json;

    @Option(names = "--out", required = true, paramLabel = "FILE.safetensors", description = "where to save the trained model")
    Path out;

    @Override
    public Integer call() {
        LmSize lmSize = parseSize(size);
        if (corpus != null) dev.attentionlab.io.AtomicFiles.refuseInput(out, java.util.List.of(corpus));
        String text = corpus == null ? BundledCorpus.stories() : TextFiles.readCorpus(corpus);
        String corpusName = corpus == null ? BundledCorpus.STORIES_NAME : corpus.toString();
        Trainer.Options defaults = Trainer.Options.defaults();
        Trainer.Options options = new Trainer.Options(steps, batch, lr, defaults.clip(), seed, evalEvery, defaults.evalBatches());
        TrainingData data = TrainingData.of(text, lmSize.config(2).context());
        Trainer trainer = new Trainer(data, lmSize, options);
        var w = spec.commandLine().getOut();
        if (!json) {
            w.printf(Locale.ROOT, "training %s (%,d parameters) on %s: %,d characters, %d distinct%n", lmSize.name().toLowerCase(Locale.ROOT),
                    trainer.parameterCount(), corpusName, data.trainLength() + data.validationLength(),
                    data.alphabet().size());
            w.printf(Locale.ROOT, "%8s  %10s  %10s  %8s%n", "step", "train loss", "val loss", "steps/s");
        }
        TrainedModel model = trainer.run((TrainingPoint p, TrainedModel snapshot) -> {
            if (json) {
                ObjectNode o = Json.MAPPER.createObjectNode();
                o.put("step", p.step()).put("train_loss", p.trainLoss()).put("val_loss", p.valLoss())
                        .put("steps_per_second", p.stepsPerSecond());
                w.println(o);
            } else {
                w.printf(Locale.ROOT, "%8d  %10.4f  %10.4f  %8.1f%n", p.step(), p.trainLoss(), p.valLoss(), p.stepsPerSecond());
            }
            w.flush();
        });
        ModelFile.write(model, out);
        if (!json) w.println("saved " + out);
        return 0;
    }

    static LmSize parseSize(String s) {
        for (LmSize v : LmSize.values()) if (v.name().equalsIgnoreCase(s)) return v;
        throw new InvalidInputException("--size must be tiny, small or medium, got '" + s + "'");
    }
}
