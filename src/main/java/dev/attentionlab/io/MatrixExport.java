package dev.attentionlab.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.trace.Trace;
import java.util.List;

/** A trace matrix as CSV (labels in the first row and column) or JSON. Numbers round-trip exactly. */
public final class MatrixExport {
    private MatrixExport() {}

    public static String csv(Trace t, String name) {
        Matrix m = t.matrix(name);
        List<String> rows = t.rowLabels(name);
        List<String> cols = t.columnLabels(name);
        StringBuilder b = new StringBuilder();
        b.append(quote(name));
        for (int j = 0; j < m.cols(); j++) b.append(',').append(quote(cols == null ? Integer.toString(j) : cols.get(j)));
        b.append('\n');
        for (int i = 0; i < m.rows(); i++) {
            b.append(quote(rows == null ? Integer.toString(i) : rows.get(i)));
            for (int j = 0; j < m.cols(); j++) b.append(',').append(number(m.get(i, j)));
            b.append('\n');
        }
        return b.toString();
    }

    public static ObjectNode json(Trace t, String name) {
        Matrix m = t.matrix(name);
        ObjectNode o = Json.F.objectNode();
        o.put("name", name);
        o.set("shape", Json.array(new int[] {m.rows(), m.cols()}));
        List<String> rows = t.rowLabels(name);
        List<String> cols = t.columnLabels(name);
        if (rows != null) rows.forEach(o.putArray("row_labels")::add);
        if (cols != null) cols.forEach(o.putArray("col_labels")::add);
        o.set("values", Json.rows(m));
        return o;
    }

    /** Shortest text that parses back to the same float; NaN and infinities by name. */
    static String number(float v) {
        if (Float.isNaN(v)) return "NaN";
        if (Float.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
        return Float.toString(v);
    }

    /** RFC 4180 quoting when needed (tokens can be commas or quotes). */
    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0
                && (s.isEmpty() || (s.charAt(0) != ' ' && s.charAt(s.length() - 1) != ' '))) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
