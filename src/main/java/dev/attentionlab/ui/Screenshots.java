package dev.attentionlab.ui;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.MaskKind;
import dev.attentionlab.engine.trace.Preset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Drives the real window through the states the README shows and saves each as a PNG. Runs on
 * Monocle's headless platform, so it needs no display.
 */
public final class Screenshots {
    private Screenshots() {}

    /**
     * One picture: a name and how to get the window into that state (no name: a state to pass through),
     * and when the state is reached (checked on the FX thread; training takes a while).
     */
    record Shot(String file, Consumer<MainWindow> setUp, java.util.function.Predicate<MainWindow> ready) {
        Shot(String file, Consumer<MainWindow> setUp) {
            this(file, setUp, w -> true);
        }
    }

    /** The sentence the trained-model pictures run through the model. */
    static final String TRAINED_PROMPT = "Sam gave the key to Ida, and Ida ga";

    static List<Shot> shots() {
        List<Shot> shots = new ArrayList<>();
        shots.add(new Shot("01-pipeline-step.png", w -> {
            w.vm.applyPreset(Preset.NOTEBOOK);
            w.vm.selection.stepId.set("weighted_sum");
            w.tabs.getSelectionModel().select(w.pipelineTab);
        }));
        shots.add(new Shot("02-heads-grid.png", w -> {
            w.vm.applyPreset(Preset.SMALL_MULTI_HEAD);
            w.tabs.getSelectionModel().select(w.headsTab);
        }));
        shots.add(new Shot("03-cell-arithmetic.png", w -> {
            w.vm.applyPreset(Preset.NOTEBOOK);
            w.vm.selection.stepId.set("scores");
            w.vm.selection.selectedCell.set(CellRef.of("h1.scores_raw", 2, 5));
            w.tabs.getSelectionModel().select(w.pipelineTab);
        }));
        shots.add(new Shot("04-scaled-vs-unscaled.png", w -> {
            w.vm.apply(Preset.SMALL_MULTI_HEAD.defaults().toBuilder().preset(Preset.CUSTOM).mask(MaskKind.NONE)
                    .heads(1).dk(64).dv(16).build());
            w.tabs.getSelectionModel().select(w.compareTab);
        }));
        shots.add(new Shot("05-mask-editor.png", w -> {
            w.vm.applyPreset(Preset.SMALL_MULTI_HEAD);
            w.tabs.getSelectionModel().select(w.maskTab);
            w.vm.maskPreset(MaskKind.CAUSAL);
        }));
        shots.add(new Shot("06-sampling.png", w -> {
            w.vm.apply(Preset.SMALL_MULTI_HEAD.defaults().toBuilder().text("the cat sat on the mat and the dog sat on the log")
                    .temperature(0.7).topK(5).topP(0.9).sampleSeed(42).build());
            w.tabs.getSelectionModel().select(w.samplingTab);
        }));
        // Classroom mode on a projector's 1920×1080: both side panels set aside, type at 1.5×.
        shots.add(new Shot("07-classroom.png", w -> {
            w.vm.applyPreset(Preset.NOTEBOOK);
            w.stage.setWidth(1920);
            w.stage.setHeight(1080);
            w.display.classroom.set(true);
            w.vm.selection.stepId.set("softmax");
            w.tabs.getSelectionModel().select(w.pipelineTab);
        }));
        shots.add(new Shot("09-lesson.png", w -> {
            w.display.classroom.set(false);
            w.stage.setWidth(MainWindow.WIDTH);
            w.stage.setHeight(MainWindow.HEIGHT);
            w.vm.load(dev.attentionlab.io.BundledLessons.load("03-multi-head.json"), null);
            w.tabs.getSelectionModel().select(w.headsTab);
        }));
        shots.add(new Shot(null, w -> {
            w.vm.newLesson();
            w.vm.applyPreset(Preset.SMALL_MULTI_HEAD);
        }));
        shots.add(new Shot("08-invalid-setting.png", w -> {
            w.display.classroom.set(false);
            w.tabs.getSelectionModel().select(w.headsTab);
            w.vm.form.heads.set(3);
        }));
        // The default model on the bundled stories, trained for real: the README quotes its steps/s.
        shots.add(new Shot(null, w -> {
            w.vm.applyPreset(Preset.SMALL_MULTI_HEAD);
            w.vm.form.text.set(TRAINED_PROMPT);
            w.showSettings.set(false);
            w.tabs.getSelectionModel().select(w.trainTab);
            w.train.start();
        }, w -> w.train.state.get() == TrainViewModel.State.FINISHED && w.vm.trace() != null
                && w.vm.trace().settings().model().trained() != null && w.vm.trace().settings().model().trained().step() == w.train.steps.get()));
        shots.add(new Shot(null, w -> w.train.generate(TrainView.GENERATE), w -> !w.train.generated.get().isEmpty()));
        shots.add(new Shot("10-train.png", w -> { }));
        shots.add(new Shot("11-trained-heads.png", w -> {
            w.vm.form.modelBlock.set(1);
            w.tabs.getSelectionModel().select(w.headsTab);
        }));
        shots.add(new Shot("12-trained-sampling.png", w -> {
            w.vm.form.text.set("At noon, Anna and the ");
            w.vm.form.temperature.set(1.0);
            w.tabs.getSelectionModel().select(w.samplingTab);
        }));
        shots.add(new Shot("13-trained-pipeline.png", w -> {
            w.showSettings.set(true);
            w.vm.load(dev.attentionlab.io.BundledLessons.load("05-a-trained-model.json"), null);
            w.vm.selection.stepId.set("position");
            w.tabs.getSelectionModel().select(w.pipelineTab);
        }));
        shots.add(new Shot("14-model-view.png", w -> {
            w.vm.form.text.set("Then Anna and the nurse went home. Anna and the nurse");
            w.tabs.getSelectionModel().select(w.headsTab);
            w.heads.showWholeModel(true);
        }));
        shots.add(new Shot("15-trained-mlp.png", w -> {
            w.heads.showWholeModel(false);
            w.vm.form.modelBlock.set(1);
            w.vm.selection.stepId.set("mlp");
            w.tabs.getSelectionModel().select(w.pipelineTab);
        }));
        shots.add(new Shot(null, w -> {
            w.vm.newLesson();
            w.train.useSeededWeights();
        }));
        // The pretrained encoder: read from the jar on first use, then every layer × head at a glance.
        shots.add(new Shot("16-minilm-model-view.png", w -> {
            w.vm.applyPreset(Preset.MINILM);
            w.tabs.getSelectionModel().select(w.headsTab);
            w.heads.showWholeModel(true);
        }, Screenshots::showsMiniLm));
        shots.add(new Shot("17-minilm-head.png", w -> {
            w.heads.showWholeModel(false);
            // Block 4's head 2 is where "it" looks at "animal" (0.68 of its weight).
            w.vm.form.modelBlock.set(3);
            w.vm.selection.selectedHead.set(1);
            w.vm.selection.stepId.set("softmax");
            w.tabs.getSelectionModel().select(w.headsTab);
            w.heads.enlarge(3, 1);
            w.vm.selection.selectedCell.set(CellRef.of("b4.h2.weights", 10, 2));
        }, Screenshots::showsMiniLm));
        shots.add(new Shot("18-minilm-similarity.png", w -> {
            w.vm.form.sourceText.set("The dog was too exhausted to walk across the road.");
            w.tabs.getSelectionModel().select(w.samplingTab);
        }, w -> showsMiniLm(w) && w.vm.trace().pooling().other() != null));
        // A GPT-2 checkpoint: the tiny random one of the test fixtures (a real one is not shipped), so the
        // mechanics show (byte-level chips, causal heads, next-token bars) but not the wisdom.
        java.nio.file.Path tiny = java.nio.file.Path.of("src/test/resources/fixtures-gpt2/tiny-gpt2");
        shots.add(new Shot("19-gpt2-heads.png", w -> {
            w.vm.form.text.set("The animal didn't cross the street because it was too tired 👍");
            w.vm.usePretrained(dev.attentionlab.io.PretrainedModels.open(tiny.toString()));
            w.tabs.getSelectionModel().select(w.headsTab);
            w.heads.showWholeModel(false);
        }, Screenshots::showsGpt2));
        shots.add(new Shot("20-gpt2-sampling.png", w -> w.tabs.getSelectionModel().select(w.samplingTab), Screenshots::showsGpt2));
        shots.add(new Shot("21-get-gpt2.png", w -> {
            // A data folder of its own, so the dialog shows the first visit, whatever this machine holds.
            if (System.getProperty("attentionlab.dataDir") == null) {
                System.setProperty("attentionlab.dataDir", System.getProperty("java.io.tmpdir") + "/attentionlab-screenshots");
            }
            w.files.getGpt2();
        }, w -> w.files.download != null && w.files.download.stage.isShowing()));
        // A small classroom laptop or an old projector: 1024×768.
        shots.add(new Shot("23-small-screen.png", w -> {
            if (w.files.download != null) w.files.download.stage.close(); // the shot before left it open
            w.stage.setWidth(1024);
            w.stage.setHeight(768);
            w.vm.applyPreset(Preset.SMALL_MULTI_HEAD);
            w.vm.selection.stepId.set("softmax");
            w.tabs.getSelectionModel().select(w.pipelineTab);
        }));
        shots.add(new Shot("22-tour.png", w -> {
            w.stage.setWidth(MainWindow.WIDTH);
            w.stage.setHeight(MainWindow.HEIGHT);
            w.tour.start();
        }, w -> w.vm.trace().settings().model().preset() == TourViewModel.PRESET && !w.vm.computingProperty().get()
                && w.vm.trace().stepIds().size() > 10 && advanceTourTo(w, "softmax")));
        shots.add(new Shot(null, w -> {
            w.tour.end();
            if (w.files.download != null) w.files.download.stage.close();
            w.vm.applyPreset(Preset.NOTEBOOK);
        }));
        return shots;
    }

    /** Moves the tour on until it shows step {@code id}; @return whether it does */
    private static boolean advanceTourTo(MainWindow w, String id) {
        while (!w.vm.selection.stepId.get().equals(id) && !w.tour.isLast()) w.tour.next();
        return w.vm.selection.stepId.get().equals(id);
    }

    private static boolean showsGpt2(MainWindow w) {
        var t = w.vm.trace();
        return t != null && t.settings().model().pretrained() != null && t.predictsTokens() && !w.vm.computingProperty().get();
    }

    private static boolean showsMiniLm(MainWindow w) {
        var t = w.vm.trace();
        return t != null && t.settings().model().pretrained() != null && !w.vm.computingProperty().get();
    }

    private static void waitFor(MainWindow w, java.util.function.Predicate<MainWindow> ready) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            AtomicReference<Boolean> done = new AtomicReference<>(false);
            onFx(() -> done.set(ready.test(w)));
            if (done.get()) return;
            if (System.nanoTime() > deadline) throw new IllegalStateException("the window did not reach the state for a screenshot");
            Thread.sleep(200);
        }
    }

    /** Switches JavaFX to the headless Monocle platform; call before the toolkit starts. */
    public static void useHeadlessPlatform() {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        System.setProperty("headless.geometry", "1920x1080-32"); // room for the projector-size shot
        System.setProperty("java.awt.headless", "true");
    }

    /** Writes every shot into {@code dir}; returns the files written. */
    public static List<Path> write(Path dir) throws Exception {
        return write(dir, null);
    }

    /**
     * As {@link #write(Path)}, or with {@code only} just the shots whose file name contains it (the
     * set-up steps between shots are skipped, so pick shots that set up their own state).
     */
    public static List<Path> write(Path dir, String only) throws Exception {
        Files.createDirectories(dir);
        AtomicReference<MainWindow> window = headlessWindow(w -> {
            w.stage.setWidth(MainWindow.WIDTH);
            w.stage.setHeight(MainWindow.HEIGHT);
        });
        List<Path> written = new ArrayList<>();
        try {
            for (Shot shot : shots()) {
                if (only != null && (shot.file() == null || !shot.file().contains(only))) continue;
                onFx(() -> window.get().vm.selection.selectedCell.set(null));
                onFx(() -> shot.setUp().accept(window.get()));
                waitFor(window.get(), shot.ready());
                settle(window.get());
                if (shot.file() == null) continue;
                Path file = dir.resolve(shot.file());
                onFx(() -> save(window.get(), file));
                written.add(file);
            }
        } finally {
            Platform.exit();
        }
        return written;
    }

    /**
     * One on-screen timing: the settings the window starts from, and the edit made {@code i} times
     * (alternating, so each one changes something), e.g. a slider step or a typed sentence.
     */
    public record Repaint(dev.attentionlab.engine.trace.TraceSettings settings, java.util.function.ObjIntConsumer<SessionViewModel> edit) {
        /** Drags the attention temperature between 0.8 and 1.2. */
        public static Repaint slider(dev.attentionlab.engine.trace.TraceSettings settings) {
            return new Repaint(settings, (vm, i) -> vm.form.attentionTemperature.set(0.8 + (i % 2) * 0.4));
        }

        /** Types: alternates between the settings' sentence and the same with its last character changed. */
        public static Repaint typing(dev.attentionlab.engine.trace.TraceSettings settings) {
            String a = settings.input().text();
            String b = a.substring(0, a.length() - 1) + (a.endsWith("s") ? "t" : "s");
            return new Repaint(settings, (vm, i) -> vm.form.text.set(i % 2 == 0 ? b : a));
        }
    }

    /**
     * Times what an edit costs on screen: with the Heads tab showing, make the edit and wait until the
     * new trace has been computed and a frame rendered with it. Runs the real window on the headless
     * platform (JavaFX starts once per JVM, so every case shares it); returns milliseconds per edit,
     * one array per case.
     */
    public static List<double[]> repaints(List<Repaint> cases, int warmup, int reps) throws Exception {
        AtomicReference<MainWindow> window = headlessWindow(w -> w.tabs.getSelectionModel().select(w.headsTab));
        List<double[]> out = new ArrayList<>();
        try {
            for (Repaint c : cases) {
                onFx(() -> window.get().vm.apply(c.settings()));
                settle(window.get());
                double[] ms = new double[reps];
                for (int i = 0; i < warmup + reps; i++) {
                    MainWindow w = window.get();
                    CountDownLatch framed = new CountDownLatch(1);
                    long[] t0 = new long[1];
                    int n = i;
                    onFx(() -> {
                        javafx.beans.InvalidationListener[] onTrace = new javafx.beans.InvalidationListener[1];
                        onTrace[0] = o -> {
                            w.vm.traceProperty().removeListener(onTrace[0]);
                            Runnable[] pulse = new Runnable[1];
                            pulse[0] = () -> {
                                w.scene.removePostLayoutPulseListener(pulse[0]);
                                framed.countDown();
                            };
                            w.scene.addPostLayoutPulseListener(pulse[0]);
                        };
                        w.vm.traceProperty().addListener(onTrace[0]);
                        t0[0] = System.nanoTime();
                        c.edit().accept(w.vm, n);
                    });
                    if (!framed.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("no frame after a change");
                    if (i >= warmup) ms[i - warmup] = (System.nanoTime() - t0[0]) / 1e6;
                }
                out.add(ms);
            }
        } finally {
            Platform.exit();
        }
        return out;
    }

    /** Starts JavaFX on the headless platform and shows a window prepared by {@code setUp}. */
    private static AtomicReference<MainWindow> headlessWindow(Consumer<MainWindow> setUp) throws Exception {
        useHeadlessPlatform();
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        AtomicReference<MainWindow> window = new AtomicReference<>();
        onFx(() -> {
            MainWindow w = new MainWindow(new SessionViewModel(Scheduling.javafx()), new DisplaySettings(), new Stage());
            setUp.accept(w);
            w.show();
            window.set(w);
        });
        return window;
    }

    private static void save(MainWindow w, Path file) {
        try {
            // A dialog on top is what the user looks at, so it is what the shot shows.
            var dialog = w.files.download;
            var scene = dialog != null && dialog.stage.isShowing() ? dialog.stage.getScene() : w.scene;
            var image = scene.snapshot(null);
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Waits until the engine is idle and layout has run a few pulses. */
    static void settle(MainWindow w) throws Exception {
        for (int i = 0; i < 200; i++) {
            AtomicReference<Boolean> busy = new AtomicReference<>(true);
            onFx(() -> busy.set(w.vm.computingProperty().get()));
            if (!busy.get()) break;
            Thread.sleep(20);
        }
        for (int i = 0; i < 4; i++) {
            onFx(() -> w.scene.getRoot().applyCss());
            onFx(() -> w.scene.getRoot().layout());
            Thread.sleep(40);
        }
    }

    static void onFx(Runnable r) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Platform.runLater(() -> {
            try {
                r.run();
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                done.countDown();
            }
        });
        if (!done.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("the UI thread did not respond");
        if (failure.get() instanceof RuntimeException re) throw re;
        if (failure.get() != null) throw new RuntimeException(failure.get());
    }

}
