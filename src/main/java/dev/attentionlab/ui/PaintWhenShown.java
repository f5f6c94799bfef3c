package dev.attentionlab.ui;

import java.util.function.BooleanSupplier;
import javafx.scene.Node;

/**
 * A view's repaint that waits while the view is hidden (another tab): a slider moved on one tab does not
 * repaint every other tab, and a tab brought forward paints once, with what is current then. A view that
 * was never painted paints at once, so that it has a size for layout.
 */
final class PaintWhenShown {
    private final Node view;
    private final BooleanSupplier painted;
    private final Runnable paint;
    private boolean stale;

    /**
     * @param painted whether the view holds a picture already
     * @param paint   paints the view from what the session holds now
     */
    PaintWhenShown(Node view, DisplaySettings display, BooleanSupplier painted, Runnable paint) {
        this.view = view;
        this.painted = painted;
        this.paint = paint;
        display.shown.addListener(o -> {
            if (stale) request();
        });
    }

    /** Paints now if the view is on screen, else when it next is. */
    void request() {
        if (!Fx.treeVisible(view) && painted.getAsBoolean()) {
            stale = true;
            return;
        }
        stale = false;
        paint.run();
    }
}
