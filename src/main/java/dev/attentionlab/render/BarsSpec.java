package dev.attentionlab.render;

import java.util.List;

/**
 * A bar chart: one bar per label. Probabilities are drawn on a fixed 0…1 axis so charts can be
 * compared; signed values (logits) around a zero line.
 *
 * @param marked index of the bar to mark (the sampled token), or -1
 */
public record BarsSpec(String title, List<String> labels, float[] values, boolean probabilities, int marked,
                       Palette palette, double barWidth, double plotHeight) {
    public BarsSpec {
        labels = List.copyOf(labels);
        values = values.clone();
    }

    public BarsSpec withTitle(String t) {
        return new BarsSpec(t, labels, values, probabilities, marked, palette, barWidth, plotHeight);
    }
}
