package dev.attentionlab.ui;

import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.render.ExportOptions;
import dev.attentionlab.render.Picture;
import dev.attentionlab.render.TracePictures;
import java.util.List;

/** What "the current view" is as a picture, for Ctrl+Shift+S and File → Export. */
final class ViewPictures {
    private ViewPictures() {}

    /** The kinds of picture the export dialog offers. */
    enum Kind {
        CURRENT_VIEW("the current view"),
        STEP("the current step"),
        GRID("all heads (grid)"),
        HEAD("one head"),
        MATRIX("one matrix");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    static Picture of(MainWindow w, Kind kind, int head, String matrix, ExportOptions o) {
        Trace t = w.vm.trace();
        return switch (kind) {
            case CURRENT_VIEW -> current(w, o);
            case STEP -> TracePictures.step(t, w.vm.selection.stepId.get(), Math.min(w.vm.selection.selectedHead.get(), t.heads() - 1), o);
            case GRID -> TracePictures.grid(t, o);
            case HEAD -> TracePictures.head(t, head, o);
            case MATRIX -> TracePictures.matrix(t, matrix, o);
        };
    }

    /** The selected tab's content: a step, the heads, both scalings, the mask editor's head, or the sampling charts. */
    static Picture current(MainWindow w, ExportOptions o) {
        Trace t = w.vm.trace();
        var tab = w.tabs.getSelectionModel().getSelectedItem();
        int head = Math.min(w.vm.selection.selectedHead.get(), t.heads() - 1);
        if (tab == w.headsTab && w.heads != null) {
            // Exactly what is on screen: every block's heads, one head enlarged, or the block's heads.
            if (w.heads.showsWholeModel()) return TracePictures.model(t, o);
            String big = w.heads.enlargedMatrix();
            if (big != null && t.matrices().containsKey(big)) return TracePictures.matrix(t, big, o);
            return TracePictures.grid(t, o);
        }
        if (tab == w.maskTab) return TracePictures.head(t, head, o);
        if (tab == w.compareTab && w.compare != null && w.compare.leftSpec() != null) {
            return new Picture.Grid(List.of(new Picture.Heatmap(w.compare.leftSpec()), new Picture.Heatmap(w.compare.rightSpec())), 2, 16);
        }
        if (tab == w.samplingTab && w.sampling != null && w.sampling.softmax.spec() != null) {
            return new Picture.Grid(List.of(new Picture.Bars(w.sampling.logits.spec()), new Picture.Bars(w.sampling.softmax.spec()),
                    new Picture.Bars(w.sampling.topK.spec()), new Picture.Bars(w.sampling.topP.spec())), 2, 16);
        }
        return TracePictures.step(t, w.vm.selection.stepId.get(), head, o);
    }
}
