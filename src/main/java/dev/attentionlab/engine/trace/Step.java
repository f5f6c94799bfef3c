package dev.attentionlab.engine.trace;

import java.util.List;

/**
 * One step of the computation as the stepper shows it.
 *
 * @param reads  names of the matrices it reads (see {@link Trace#matrices()})
 * @param writes names of the matrices it produces: what the step changes
 */
public record Step(String id, String title, String formula, List<String> reads, List<String> writes, String explanation) {
    public Step {
        reads = List.copyOf(reads);
        writes = List.copyOf(writes);
    }
}
