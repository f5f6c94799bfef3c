package dev.attentionlab.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.MaskMatrix;
import dev.attentionlab.engine.Matrix;

/**
 * Conversions between JSON trees and engine values, with the fixtures' number rules: a float32 is
 * written as its exact double value; NaN and ±∞ are the strings "NaN", "Infinity", "-Infinity".
 * Every reader names the field it was reading when it rejects a value.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Json() {}

    public static JsonNode parse(String text, String where) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(where + " is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage());
        }
    }

    public static JsonNode number(float v) {
        if (Float.isNaN(v)) return F.textNode("NaN");
        if (Float.isInfinite(v)) return F.textNode(v > 0 ? "Infinity" : "-Infinity");
        return F.numberNode((double) v);
    }

    public static JsonNode number(double v) {
        if (Double.isNaN(v)) return F.textNode("NaN");
        if (Double.isInfinite(v)) return F.textNode(v > 0 ? "Infinity" : "-Infinity");
        return F.numberNode(v);
    }

    public static ArrayNode array(float[] values) {
        ArrayNode a = F.arrayNode(values.length);
        for (float v : values) a.add(number(v));
        return a;
    }

    public static ArrayNode array(double[] values) {
        ArrayNode a = F.arrayNode(values.length);
        for (double v : values) a.add(number(v));
        return a;
    }

    public static ArrayNode array(int[] values) {
        ArrayNode a = F.arrayNode(values.length);
        for (int v : values) a.add(v);
        return a;
    }

    /** Nested rows [[…], …]. */
    public static ArrayNode rows(Matrix m) {
        ArrayNode a = F.arrayNode(m.rows());
        for (int i = 0; i < m.rows(); i++) a.add(array(m.row(i)));
        return a;
    }

    public static ArrayNode rows(MaskMatrix m) {
        ArrayNode a = F.arrayNode(m.rows());
        for (int i = 0; i < m.rows(); i++) {
            ArrayNode r = a.addArray();
            for (int j = 0; j < m.cols(); j++) r.add(m.isMasked(i, j));
        }
        return a;
    }

    /** A JSON number or one of "NaN", "Infinity", "-Infinity", as a double. */
    public static double toDouble(JsonNode n, String where) {
        if (n != null && n.isNumber()) return n.doubleValue();
        if (n != null && n.isTextual()) {
            switch (n.textValue()) {
                case "NaN": return Double.NaN;
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        throw new InvalidInputException(where + ": expected a number, got " + describe(n));
    }

    public static float toFloat(JsonNode n, String where) {
        return (float) toDouble(n, where);
    }

    public static float[] floats(JsonNode n, String where) {
        if (n == null || !n.isArray()) throw new InvalidInputException(where + ": expected an array of numbers, got " + describe(n));
        float[] out = new float[n.size()];
        for (int i = 0; i < out.length; i++) out[i] = toFloat(n.get(i), where + "[" + i + "]");
        return out;
    }

    public static double[] doubles(JsonNode n, String where) {
        if (n == null || !n.isArray()) throw new InvalidInputException(where + ": expected an array of numbers, got " + describe(n));
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) out[i] = toDouble(n.get(i), where + "[" + i + "]");
        return out;
    }

    /** A 2-D array of numbers as a matrix; rows must all have the same length. */
    public static Matrix matrix(JsonNode n, String where) {
        if (n == null || !n.isArray() || n.isEmpty() || !n.get(0).isArray()) {
            throw new InvalidInputException(where + ": expected a 2-D array of numbers, got " + describe(n));
        }
        int r = n.size();
        int c = n.get(0).size();
        float[] data = new float[r * c];
        for (int i = 0; i < r; i++) {
            JsonNode row = n.get(i);
            if (!row.isArray() || row.size() != c) {
                throw new InvalidInputException(where + ": row " + i + " has " + (row.isArray() ? row.size() : 0)
                        + " values but row 0 has " + c);
            }
            for (int j = 0; j < c; j++) data[i * c + j] = toFloat(row.get(j), where + "[" + i + "][" + j + "]");
        }
        return Matrix.of(r, c, data);
    }

    public static MaskMatrix mask(JsonNode n, String where) {
        if (n == null || n.isNull()) return null;
        if (!n.isArray() || n.isEmpty() || !n.get(0).isArray()) {
            throw new InvalidInputException(where + ": expected a 2-D array of true/false, got " + describe(n));
        }
        boolean[][] cells = new boolean[n.size()][];
        for (int i = 0; i < n.size(); i++) cells[i] = bools(n.get(i), where + "[" + i + "]");
        return MaskMatrix.of(cells);
    }

    public static boolean[] bools(JsonNode n, String where) {
        if (n == null || !n.isArray()) throw new InvalidInputException(where + ": expected an array of true/false, got " + describe(n));
        boolean[] out = new boolean[n.size()];
        for (int i = 0; i < out.length; i++) {
            if (!n.get(i).isBoolean()) throw new InvalidInputException(where + "[" + i + "]: expected true or false, got " + describe(n.get(i)));
            out[i] = n.get(i).booleanValue();
        }
        return out;
    }

    public static int integer(JsonNode n, String where) {
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) {
            throw new InvalidInputException(where + ": expected an integer, got " + describe(n));
        }
        return n.intValue();
    }

    public static JsonNode require(JsonNode obj, String field, String where) {
        JsonNode n = obj == null ? null : obj.get(field);
        if (n == null) throw new InvalidInputException(where + ": missing field '" + field + "'");
        return n;
    }

    static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) return "nothing";
        String s = n.toString();
        return s.length() > 40 ? s.substring(0, 37) + "…" : s;
    }
}
