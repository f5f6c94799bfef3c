package dev.attentionlab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attentionlab.engine.model.LmSize;
import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.train.TrainingPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Train tab's view-model without a window: training runs in the caller unless a test says otherwise. */
class TrainViewModelTest {
    SessionViewModel session;
    TrainViewModel train;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        session = new SessionViewModel(Scheduling.immediate());
        session.applyPreset(Preset.SMALL_MULTI_HEAD);
        session.form.text.set("Anna and the nurse went");
        train = new TrainViewModel(session, Runnable::run, Runnable::run);
        train.size.set(LmSize.TINY);
        train.steps.set(60);
    }

    @Test
    void aRunReportsFromStepZeroAndEveryViewFollowsTheLatestSnapshot() {
        train.start();
        assertThat(train.state.get()).isEqualTo(TrainViewModel.State.FINISHED);
        assertThat(train.points).extracting(TrainingPoint::step).containsExactly(0, 50, 60);
        assertThat(train.points.get(2).valLoss()).isLessThan(train.points.get(0).valLoss() - 1);
        assertThat(train.snapshots).hasSize(3);
        assertThat(train.snapshotIndex.get()).isEqualTo(2);
        assertThat(train.progress.get()).isEqualTo(1.0);
        assertThat(train.status.get()).startsWith("trained 60 steps").contains("validation loss");
        assertThat(session.form.model.get()).isSameAs(train.snapshots.get(2));
        assertThat(session.trace().source()).isInstanceOf(dev.attentionlab.engine.trace.ModelSource.Trained.class);
        assertThat(session.trace().heads()).isEqualTo(2);
        assertThat(session.form.dModel.get()).isEqualTo(32);
        assertThat(session.errorProperty().get()).isEmpty();
    }

    @Test
    void scrubbingBackShowsTheModelAsItWasThenAndKeepsTheUsersMask() {
        train.start();
        session.form.scale.set(dev.attentionlab.engine.model.ScaleMode.NONE);
        train.followLatest.set(false);
        train.snapshotIndex.set(0);
        assertThat(session.trace().settings().model().trained().step()).isZero();
        assertThat(session.form.scale.get()).isEqualTo(dev.attentionlab.engine.model.ScaleMode.NONE);
        float untrained = session.trace().sampling().probs().get(0, 0);
        train.snapshotIndex.set(2);
        assertThat(session.trace().settings().model().trained().step()).isEqualTo(60);
        assertThat(session.trace().sampling().probs().get(0, 0)).isNotEqualTo(untrained);
    }

    @Test
    void aCharacterTheModelNeverSawIsExplainedAndTheLastTraceStays() {
        train.start();
        var before = session.trace();
        session.form.text.set("Anna and the nurse went naïve");
        assertThat(session.errorProperty().get()).isEqualTo(
                "'ï' is not in the character vocabulary of the trained model (the 73 characters of its corpus)");
        assertThat(session.trace()).isSameAs(before);
        session.form.text.set("Anna and the nurse went naive");
        assertThat(session.errorProperty().get()).isEmpty();
    }

    @Test
    void seededWeightsComeBackWithTheSentenceKept() {
        train.start();
        train.useSeededWeights();
        assertThat(session.form.model.get()).isNull();
        assertThat(session.trace().source()).isInstanceOf(dev.attentionlab.engine.trace.ModelSource.Seeded.class);
        assertThat(session.form.text.get()).isEqualTo("Anna and the nurse went");
        assertThat(session.form.dModel.get()).isEqualTo(Preset.SMALL_MULTI_HEAD.defaults().model().dModel());
        assertThat(train.snapshots).hasSize(3);
    }

    @Test
    void myTextBecomesTheCorpusAndATooShortOneIsRefusedWithoutChange() throws IOException {
        Path small = dir.resolve("small.txt");
        Files.writeString(small, "tiny");
        assertThatThrownBy(() -> train.useCorpusFile(small)).hasMessageContaining("has 4 characters");
        assertThat(train.corpusName.get()).isEqualTo("bundled stories");
        Path mine = dir.resolve("mine.txt");
        Files.writeString(mine, "Anna and the nurse went home. ".repeat(30));
        train.useCorpusFile(mine);
        assertThat(train.corpusName.get()).isEqualTo("mine.txt");
        assertThat(train.status.get()).isEqualTo("mine.txt: 900 characters, 15 distinct");
        train.start();
        assertThat(session.form.model.get().alphabet()).hasSize(15);
        train.useBundledCorpus();
        assertThat(train.corpusText()).hasSizeGreaterThan(250_000);
    }

    @Test
    void aSavedModelOpensAsTheOnlySnapshotAndALessonCarriesIt() {
        train.start();
        Path file = dir.resolve("m.safetensors");
        train.saveModel(file);
        train.useSeededWeights();
        train.openModel(file);
        assertThat(train.snapshots).hasSize(1);
        assertThat(session.form.model.get().step()).isEqualTo(60);
        assertThat(train.status.get()).isEqualTo("m.safetensors: trained 60 steps, 73 characters");

        Path lesson = dir.resolve("lesson.json");
        session.save(lesson);
        SessionViewModel other = new SessionViewModel(Scheduling.immediate());
        other.open(lesson);
        assertThat(other.form.model.get().weights().tensors()).isEqualTo(session.form.model.get().weights().tensors());
        assertThat(other.trace().sampling().logits()).isEqualTo(session.trace().sampling().logits());
    }

    @Test
    void generationContinuesTheSentenceWithTheSessionsSampling() {
        train.generate(10);
        assertThat(train.error.get()).isEqualTo("train a model (or open one) first");
        train.start();
        session.form.temperature.set(0);
        train.generate(12);
        assertThat(train.generated.get()).startsWith("Anna and the nurse went").hasSize(23 + 12);
        assertThat(train.error.get()).isEmpty();
    }

    @Test
    void longRunsKeepAtMostAbout200Snapshots() {
        train.steps.set(20_000);
        assertThat(train.evalEvery()).isEqualTo(100);
        train.steps.set(2_000);
        assertThat(train.evalEvery()).isEqualTo(50);
    }

    @Test
    void pauseHoldsTheRunAndStopEndsItFromAPause() throws Exception {
        var worker = Executors.newSingleThreadExecutor();
        train = new TrainViewModel(session, worker, Runnable::run);
        train.size.set(LmSize.TINY);
        train.steps.set(100_000);
        train.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (train.points.size() < 2 && System.nanoTime() < deadline) Thread.sleep(20);
        train.togglePause();
        assertThat(train.state.get()).isEqualTo(TrainViewModel.State.PAUSED);
        Thread.sleep(300);
        int before = train.points.size();
        Thread.sleep(500);
        assertThat(train.points.size()).as("no evaluations while paused").isEqualTo(before);
        train.stop();
        worker.shutdown();
        assertThat(worker.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(train.state.get()).isEqualTo(TrainViewModel.State.FINISHED);
        assertThat(train.points.get(train.points.size() - 1).step()).isLessThan(100_000);
    }
}
