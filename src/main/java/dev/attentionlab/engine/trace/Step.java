package dev.attentionlab.engine.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * One step of the computation as the stepper shows it.
 *
 * @param reads  the matrices it reads
 * @param writes the matrices it produces: what the step changes
 */
public record Step(String id, String title, String formula, List<MatrixId> reads, List<MatrixId> writes, String explanation) {
    public Step {
        reads = List.copyOf(reads);
        writes = List.copyOf(writes);
    }

    /** A matrix a view of the step shows, and whether the step wrote it. */
    public record Panel(MatrixId id, boolean written) {}

    /**
     * What the pipeline view and a step's export show for one head: the matrices read and not
     * rewritten, then those written. A step that works head by head shows only {@code head}'s; one
     * that joins the heads (the concatenation) shows every head it reads.
     */
    public List<Panel> panels(int head) {
        boolean oneHead = perHead();
        List<Panel> out = new ArrayList<>();
        for (MatrixId r : reads) if ((!oneHead || ofHead(r, head)) && !writes.contains(r)) out.add(new Panel(r, false));
        for (MatrixId w : writes) if (ofHead(w, head)) out.add(new Panel(w, true));
        return out;
    }

    /** Whether the step works head by head (the view then offers a head picker). */
    public boolean perHead() {
        return writes.stream().anyMatch(w -> w.kind().perHead());
    }

    private static boolean ofHead(MatrixId id, int head) {
        return !id.kind().perHead() || id.head() == head;
    }
}
