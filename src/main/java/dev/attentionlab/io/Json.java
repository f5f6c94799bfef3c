package dev.attentionlab.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.tensor.MaskMatrix;
import dev.attentionlab.engine.tensor.Matrix;

/**
 * Conversions between JSON trees and engine values, with the fixtures' number rules: a float32 is
 * written as its exact double value; NaN and ±∞ are the strings "NaN", "Infinity", "-Infinity".
 * Every reader names the field it was reading when it rejects a value.
 */
public final class Json {
    /** Deeper than any file of ours; a hostile file nested further is refused before it can exhaust the stack. */
    public static final int MAX_DEPTH = 64;
    /** Longest number: a float32 or double is written in at most ~25 characters; a seed in at most 20 digits. */
    public static final int MAX_NUMBER_LENGTH = 400;
    public static final ObjectMapper MAPPER = mapper();
    public static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Json() {}

    /**
     * Jackson's stream limits set on purpose (nesting, number and string length, names), duplicate keys
     * and trailing content refused, and UTF-16 surrogates written as escapes so that a lone surrogate
     * in a user's text survives a save exactly (UTF-8 has no bytes for it).
     */
    private static ObjectMapper mapper() {
        JsonFactory f = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxStringLength((int) TextFiles.MAX_BYTES)
                        .maxNameLength(10_000)
                        .build())
                .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        f.setCharacterEscapes(new SurrogateEscapes());
        ObjectMapper m = new ObjectMapper(f);
        m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return m;
    }

    /** Escapes UTF-16 surrogates as JSON escapes (backslash-u and four hex digits): a pair reads back as the character, a lone one as itself. */
    private static final class SurrogateEscapes extends CharacterEscapes {
        private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return Character.isSurrogate((char) ch) ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }

    public static JsonNode parse(String text, String where) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            // Limit errors (StreamConstraintsException) may come without a location.
            JsonLocation at = e.getLocation();
            String position = at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new InvalidInputException(where + " is not valid JSON" + position + ": " + firstLine(e.getOriginalMessage()));
        }
    }

    /** Jackson's messages can quote megabytes of the input; one short line is what the user needs. */
    private static String firstLine(String m) {
        if (m == null) return "unreadable";
        String line = m.strip().split("\\R", 2)[0];
        return line.length() > 200 ? line.substring(0, 197) + "…" : line;
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

    /**
     * Nested rows like {@link #rows(Matrix)}, written straight from the matrix when the tree is
     * serialised: a trace's per-head grids would otherwise be millions of nodes in memory.
     */
    public static JsonNode lazyRows(Matrix m) {
        return F.pojoNode(new LazyRows(m));
    }

    private record LazyRows(Matrix m) implements com.fasterxml.jackson.databind.JsonSerializable {
        @Override
        public void serialize(com.fasterxml.jackson.core.JsonGenerator g, com.fasterxml.jackson.databind.SerializerProvider p)
                throws java.io.IOException {
            g.writeStartArray();
            for (int i = 0; i < m.rows(); i++) {
                g.writeStartArray();
                for (int j = 0; j < m.cols(); j++) {
                    float v = m.get(i, j);
                    if (Float.isFinite(v)) g.writeNumber((double) v);
                    else g.writeString(Float.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
                }
                g.writeEndArray();
            }
            g.writeEndArray();
        }

        @Override
        public void serializeWithType(com.fasterxml.jackson.core.JsonGenerator g, com.fasterxml.jackson.databind.SerializerProvider p,
                                      com.fasterxml.jackson.databind.jsontype.TypeSerializer t) throws java.io.IOException {
            serialize(g, p);
        }
    }

    /** Writes {@code node} to {@code out} as it goes (indented when {@code pretty}), leaving {@code out} open. */
    public static void write(JsonNode node, java.io.Writer out, boolean pretty) throws java.io.IOException {
        streaming(pretty).writeValue(out, node);
    }

    public static void write(JsonNode node, java.io.OutputStream out, boolean pretty) throws java.io.IOException {
        streaming(pretty).writeValue(out, node);
    }

    private static com.fasterxml.jackson.databind.ObjectWriter streaming(boolean pretty) {
        return (pretty ? MAPPER.writerWithDefaultPrettyPrinter() : MAPPER.writer())
                .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);
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

    public static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) return "nothing";
        if (n.isContainerNode() && n.size() > 8) return n.isArray() ? "an array of " + n.size() + " items" : "an object of " + n.size() + " fields";
        if (n.isTextual() && n.textValue().length() > 40) return "\"" + n.textValue().substring(0, 36) + "…\"";
        String s = n.toString();
        return s.length() > 40 ? s.substring(0, 37) + "…" : s;
    }
}
