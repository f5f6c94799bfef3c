package dev.attentionlab.ui;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** What every test of the real window (headless, Monocle) starts from: the window at its size, and ways to wait. */
@ExtendWith(ApplicationExtension.class)
abstract class RealWindowTest {
    MainWindow window;
    SessionViewModel vm;

    /** How long {@link #await} waits: a pretrained model takes seconds to read the first time. */
    long patienceSeconds() {
        return 10;
    }

    /** Each test class calls this from its own @Start method: TestFX looks for that method on the class itself. */
    void open(Stage stage) {
        vm = new SessionViewModel(Scheduling.javafx());
        window = new MainWindow(vm, new DisplaySettings(), stage);
        stage.setWidth(MainWindow.WIDTH);
        stage.setHeight(MainWindow.HEIGHT);
        window.show();
    }

    void await(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(patienceSeconds(), TimeUnit.SECONDS, () -> condition.getAsBoolean());
        WaitForAsyncUtils.waitForFxEvents();
    }

    void idle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        await(() -> !vm.computingProperty().get() && vm.trace() != null);
    }

    void onFx(Runnable r) {
        WaitForAsyncUtils.asyncFx(r);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
