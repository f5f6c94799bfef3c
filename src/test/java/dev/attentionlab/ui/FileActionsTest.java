package dev.attentionlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.export.Export;
import dev.attentionlab.render.Picture;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The File and Lessons menus on the real window (file choosers aside, which need a desktop). */
@ExtendWith(ApplicationExtension.class)
class FileActionsTest {
    MainWindow window;
    SessionViewModel vm;

    @TempDir
    Path dir;

    @BeforeAll
    static void quiet() {
        System.setProperty("attentionlab.quietDialogs", "true");
    }

    @Start
    void start(Stage stage) {
        vm = new SessionViewModel(Scheduling.javafx());
        window = new MainWindow(vm, new DisplaySettings(), stage);
        window.show();
    }

    void idle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !vm.computingProperty().get() && vm.trace() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    @Test
    void titleShowsTheLessonAndADotWhileUnsaved(FxRobot robot) throws Exception {
        idle();
        assertThat(window.stage.getTitle()).isEqualTo("AttentionLab — untitled lesson");
        robot.clickOn("#sentence").write(" again");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.stage.getTitle()).isEqualTo("AttentionLab — untitled lesson •");
        Path f = dir.resolve("mine.json");
        assertThat(fx(() -> window.files.saveTo(f))).isTrue();
        assertThat(window.stage.getTitle()).isEqualTo("AttentionLab — mine.json");
        fx(() -> {
            vm.lesson.title.set("Attention 101");
            return null;
        });
        assertThat(window.stage.getTitle()).isEqualTo("AttentionLab — Attention 101 (mine.json) •");
        assertThat(robot.lookup("#lessonTitle").queryAs(Label.class).isVisible()).isTrue();
    }

    @Test
    void unsavedWorkIsProtected(FxRobot robot) throws Exception {
        idle();
        fx(() -> {
            vm.form.temperature.set(0.3);
            return null;
        });
        window.files.unsavedAnswer = () -> ButtonBar.ButtonData.CANCEL_CLOSE;
        fx(() -> {
            window.files.newLesson();
            return null;
        });
        assertThat(vm.form.temperature.get()).isEqualTo(0.3);
        assertThat(fx(() -> {
            var e = new javafx.stage.WindowEvent(window.stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST);
            window.stage.fireEvent(e);
            return window.stage.isShowing();
        })).as("closing with unsaved work was cancelled").isTrue();
        window.files.unsavedAnswer = () -> ButtonBar.ButtonData.NO;
        fx(() -> {
            window.files.openBundled("02-causal-masking.json");
            return null;
        });
        idle();
        assertThat(vm.lesson.title.get()).isEqualTo("Causal masking: no peeking at the future");
        assertThat(vm.trace().settings().attention().mask()).isEqualTo(dev.attentionlab.engine.model.MaskKind.CAUSAL);
        assertThat(vm.selection.stepId.get()).isEqualTo("mask");
        assertThat(vm.lesson.dirty.get()).isFalse();
    }

    @Test
    void aBadLessonShowsOneMessageAndKeepsTheSession(FxRobot robot) throws Exception {
        idle();
        Trace before = vm.trace();
        Path bad = dir.resolve("broken.json");
        Files.writeString(bad, "{\"format\": \"attentionlab-lesson\", \"version\": 1, \"settings\": {\"fill\": \"zero\"}}");
        assertThat(fx(() -> window.files.open(bad)).get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(FileActions.lastError).isEqualTo("Could not open broken.json: broken.json.settings.fill: 'zero' is not one of negative_infinity, minus_1e9");
        assertThat(vm.trace()).isSameAs(before);
        assertThat(vm.lesson.file.get()).isNull();
    }

    /**
     * Every hostile file through every File-menu reader: read off the UI thread (a pipe would otherwise
     * freeze the window), one message in the window, and the session exactly as it was.
     */
    @Test
    void hostileFilesThroughTheFileMenuLeaveTheSessionAsItWas(FxRobot robot) throws Exception {
        idle();
        robot.clickOn("#sentence").write(" typed");
        idle();
        Trace before = vm.trace();
        String text = vm.form.text.get();
        TrainViewModel train = new TrainViewModel(vm, Runnable::run, Runnable::run);
        Path fifo = dir.resolve("pipe.json");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        Path folder = Files.createDirectory(dir.resolve("folder.json"));
        Path nested = dir.resolve("nested.json");
        Files.writeString(nested, "[".repeat(100_000));
        Path overflow = dir.resolve("overflow.safetensors");
        String header = "{\"W_q\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[9223372036854775800,9223372036854775804]}}";
        byte[] h = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var buf = java.nio.ByteBuffer.allocate(8 + h.length + 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buf.putLong(h.length).put(h).putFloat(0.5f);
        Files.write(overflow, buf.array());
        Path locked = dir.resolve("locked.json");
        Files.writeString(locked, "{}");
        locked.toFile().setReadable(false);
        Path binary = dir.resolve("binary.txt");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});

        record Case(Path file, String expected) {}
        List<Case> cases = new ArrayList<>(List.of(
                new Case(fifo, "is not a regular file"),
                new Case(folder, "is a folder, not a file"),
                new Case(dir.resolve("missing.json"), "does not exist"),
                new Case(Path.of("/dev/zero"), "is not a regular file")));
        if (!Files.isReadable(locked)) cases.add(new Case(locked, "permission denied")); // root reads everything
        for (Case c : cases) {
            for (var action : List.<java.util.function.Function<Path, java.util.concurrent.CompletableFuture<Boolean>>>of(
                    window.files::open, window.files::importWeights, f -> window.files.useCorpus(train, f), f -> window.files.openModel(train, f))) {
                FileActions.lastError = "";
                assertThat(fx(() -> action.apply(c.file())).get(10, TimeUnit.SECONDS)).as(c.file().toString()).isFalse();
                assertThat(FileActions.lastError).as(c.file().toString()).contains(c.expected()).doesNotContain("Exception");
            }
        }
        for (var action : List.<java.util.function.Function<Path, java.util.concurrent.CompletableFuture<Boolean>>>of(
                window.files::open, window.files::importWeights)) {
            assertThat(fx(() -> action.apply(nested)).get(10, TimeUnit.SECONDS)).isFalse();
            assertThat(FileActions.lastError).contains("is not valid JSON").contains("nesting depth");
        }
        assertThat(fx(() -> window.files.importWeights(overflow)).get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(FileActions.lastError).contains("lies outside the data section");
        assertThat(fx(() -> window.files.useCorpus(train, binary)).get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(FileActions.lastError).contains("is not UTF-8 text");
        idle();
        assertThat(vm.trace()).isSameAs(before);
        assertThat(vm.form.text.get()).isEqualTo(text);
        assertThat(vm.lesson.dirty.get()).isTrue();
        assertThat(vm.hasImportedWeights()).isFalse();
        assertThat(vm.fileActivityProperty().get()).isEmpty();
    }

    @Test
    void exportDialogWritesWhatItPreviews(FxRobot robot) throws Exception {
        fx(() -> {
            vm.applyPreset(Preset.SMALL_MULTI_HEAD);
            return null;
        });
        idle();
        ExportDialog d = fx(() -> new ExportDialog(window));
        Path png = dir.resolve("grid.png");
        fx(() -> {
            d.kind.setValue(ViewPictures.Kind.GRID);
            d.scale.getValueFactory().setValue(3);
            d.write(png);
            return null;
        });
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat((double) img.getWidth()).isCloseTo(d.preview.getImage().getWidth() * 3, org.assertj.core.api.Assertions.within(3.0));
        Path csv = dir.resolve("h.csv");
        fx(() -> {
            d.kind.setValue(ViewPictures.Kind.HEAD);
            d.head.setValue(2);
            d.format.setValue(Export.Format.CSV);
            d.write(csv);
            return null;
        });
        assertThat(Files.readString(csv)).startsWith("h3.weights,The,cat,sat");
        assertThat(d.problem.isVisible()).isFalse();
        fx(() -> {
            d.kind.setValue(ViewPictures.Kind.GRID);
            return null;
        });
        assertThat(d.problem.isVisible()).isTrue();

        // The next Export starts from the last one's choices.
        ExportDialog again = fx(() -> new ExportDialog(window));
        assertThat(again.kind.getValue()).isEqualTo(ViewPictures.Kind.HEAD);
        assertThat(again.head.getValue()).isEqualTo(2);
        assertThat(again.format.getValue()).isEqualTo(Export.Format.CSV);
        assertThat(again.scale.getValue()).isEqualTo(3);
    }

    @Test
    void theCurrentViewIsWhatTheHeadsTabShowsAnEnlargedHeadOrEveryBlock(FxRobot robot) throws Exception {
        fx(() -> {
            vm.load(dev.attentionlab.io.BundledLessons.load("05-a-trained-model.json"), null);
            return null;
        });
        robot.clickOn("#tabHeads");
        idle();
        var o = dev.attentionlab.render.ExportOptions.defaults();
        Picture grid = fx(() -> ViewPictures.current(window, o));
        assertThat(grid).isInstanceOf(Picture.Grid.class);

        fx(() -> {
            window.heads.showWholeModel(false);
            window.heads.enlarge(1, 2);
            return null;
        });
        idle();
        Picture one = fx(() -> ViewPictures.current(window, o));
        assertThat(one).isInstanceOf(Picture.Heatmap.class);
        assertThat(((Picture.Heatmap) one).spec().title()).startsWith("block 2 · head 3 · A = softmax");

        fx(() -> {
            window.heads.showWholeModel(true);
            return null;
        });
        idle();
        Picture model = fx(() -> ViewPictures.current(window, o));
        BufferedImage img = dev.attentionlab.render.PictureWriter.image(model, o);
        assertThat(model.toString()).contains("block 2 · head 4").contains("2 blocks × 4 heads");
        assertThat(img.getWidth()).isGreaterThan(400);
    }

    @Test
    void everyTabHasACurrentViewPicture(FxRobot robot) throws Exception {
        idle();
        for (var tab : new String[] {"#tabPipeline", "#tabHeads", "#tabCompare", "#tabMask", "#tabSampling"}) {
            robot.clickOn(tab);
            idle();
            Picture p = fx(() -> ViewPictures.current(window, dev.attentionlab.render.ExportOptions.defaults()));
            BufferedImage img = dev.attentionlab.render.PictureWriter.image(p, dev.attentionlab.render.ExportOptions.defaults());
            assertThat(img.getWidth()).as(tab).isGreaterThan(200);
            assertThat(img.getHeight()).as(tab).isGreaterThan(150);
        }
    }
}
