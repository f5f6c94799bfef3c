package dev.attentionlab.ui;

import dev.attentionlab.render.BarsPainter;
import dev.attentionlab.render.BarsSpec;
import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Region;

/** One bar chart on screen, painted by {@link BarsPainter}. */
final class BarsView extends Region {
    private final Canvas canvas = new Canvas();
    private BarsSpec spec;

    BarsView() {
        getStyleClass().add("bars-view");
        getChildren().add(canvas);
    }

    BarsSpec spec() {
        return spec;
    }

    void setSpec(BarsSpec s) {
        spec = s;
        CanvasSurface surface = new CanvasSurface(canvas.getGraphicsContext2D());
        double[] size = BarsPainter.size(s, surface);
        canvas.setWidth(Math.ceil(size[0]));
        canvas.setHeight(Math.ceil(size[1]));
        surface.fillRect(0, 0, canvas.getWidth(), canvas.getHeight(), 0xffffff);
        BarsPainter.paint(s, surface);
        requestLayout();
    }

    @Override
    protected double computePrefWidth(double height) {
        return canvas.getWidth();
    }

    @Override
    protected double computePrefHeight(double width) {
        return canvas.getHeight();
    }

    @Override
    protected double computeMinHeight(double width) {
        return canvas.getHeight();
    }

    @Override
    protected void layoutChildren() {
        canvas.relocate(0, 0);
    }
}
