package dev.attentionlab.io;

import java.nio.file.Path;

/**
 * The files the window's session reads and writes: lessons, and PyTorch weights to import. The
 * window reaches them only through this, so its view-models can be tested without a disk;
 * {@link #DISK} is the real thing ({@link LessonFile}, {@link WeightsImport}).
 */
public interface SessionFiles {
    /** A lesson, checked; a file that cannot be used throws with the reason. */
    Lesson readLesson(Path file);

    /** Writes atomically: a failed save leaves the old file as it was. */
    void saveLesson(Lesson lesson, Path file);

    /** Weights (and inputs, masks) from a PyTorch export, JSON or safetensors. */
    WeightsImport.Imported readWeights(Path file);

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
    };
}
