package dev.attentionlab.io;

import java.nio.file.Path;

/**
 * The files the window reads and writes: lessons, PyTorch weights to import, training text and
 * trained models. Its view-models reach the disk only through this, so they can be tested without
 * one; {@link #DISK} is the real thing ({@link LessonFile}, {@link WeightsImport}, {@link TextFiles},
 * {@link ModelFile}).
 */
public interface SessionFiles {
    /** A lesson, checked; a file that cannot be used throws with the reason. */
    Lesson readLesson(Path file);

    /** Writes atomically: a failed save leaves the old file as it was. */
    void saveLesson(Lesson lesson, Path file);

    /** Weights (and inputs, masks) from a PyTorch export, JSON or safetensors. */
    WeightsImport.Imported readWeights(Path file);

    /** A UTF-8 text to train on. */
    String readCorpus(Path file);

    /** A trained model, as Save model writes it. */
    dev.attentionlab.engine.model.TrainedModel readModel(Path file);

    void saveModel(dev.attentionlab.engine.model.TrainedModel model, Path file);

    SessionFiles DISK = new SessionFiles() {
        @Override
        public Lesson readLesson(Path file) {
            return LessonFile.read(file);
        }

        @Override
        public void saveLesson(Lesson lesson, Path file) {
            LessonFile.save(lesson, file);
        }

        @Override
        public WeightsImport.Imported readWeights(Path file) {
            return WeightsImport.readFile(file);
        }

        @Override
        public String readCorpus(Path file) {
            return TextFiles.readCorpus(file);
        }

        @Override
        public dev.attentionlab.engine.model.TrainedModel readModel(Path file) {
            return ModelFile.read(file);
        }

        @Override
        public void saveModel(dev.attentionlab.engine.model.TrainedModel model, Path file) {
            ModelFile.write(model, file);
        }
    };
}
