package dev.attentionlab.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.tensor.Matrix;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The safetensors format: an 8-byte little-endian header length N, N bytes of JSON
 * ({@code name → {dtype, shape, data_offsets: [begin, end]}}, plus an optional {@code __metadata__}),
 * then the raw little-endian data. Only F32 tensors of rank 1 or 2 are read.
 */
public final class Safetensors {
    /** Rank 1 tensors come back as a 1 × n matrix. */
    public record Tensor(int[] shape, Matrix values) {}

    private Safetensors() {}

    public static Map<String, Tensor> read(Path file) {
        return parse(bytes(file), file.toString());
    }

    /** The whole file, refusing ones over the size limit. */
    static byte[] bytes(Path file) {
        return TextFiles.bytes(file, TextFiles.MAX_BYTES);
    }

    /** Where one tensor's bytes lie in the data section (after the header). */
    private record Span(String name, long begin, long end) {}

    /**
     * Every tensor, checked as the format requires before a byte is read: offsets that are whole
     * numbers inside the data section, sizes that equal dtype × shape without overflow, tensors that
     * neither overlap nor leave holes, and nothing after the last one.
     */
    public static Map<String, Tensor> parse(byte[] bytes, String where) {
        JsonNode header = header(bytes, where);
        long dataStart = 8 + headerLength(bytes);
        long dataLength = bytes.length - dataStart;
        Map<String, Tensor> out = new LinkedHashMap<>();
        java.util.List<Span> spans = new java.util.ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = header.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (name.equals("__metadata__")) continue;
            String at = where + ": tensor '" + shortName(name) + "'";
            JsonNode t = e.getValue();
            if (!t.isObject()) throw new InvalidInputException(at + " is not described by an object (dtype, shape, data_offsets)");
            JsonNode dtypeNode = Json.require(t, "dtype", at);
            if (!dtypeNode.isTextual()) throw new InvalidInputException(at + ": dtype must be text such as \"F32\", got " + Json.describe(dtypeNode));
            String dtype = dtypeNode.textValue();
            if (!dtype.equals("F32")) {
                throw new InvalidInputException(at + " is " + shortName(dtype) + "; only F32 (float32) is supported"
                        + " - convert with tensor.float() before saving");
            }
            int[] shape = shape(Json.require(t, "shape", at), at);
            long count = 1;
            for (int d : shape) count = multiply(count, d, at);
            long size = multiply(count, 4, at);
            JsonNode offsets = Json.require(t, "data_offsets", at);
            if (!offsets.isArray() || offsets.size() != 2) {
                throw new InvalidInputException(at + ": data_offsets must be [begin, end], got " + Json.describe(offsets));
            }
            long begin = offset(offsets.get(0), at);
            long end = offset(offsets.get(1), at);
            if (end < begin || end > dataLength) {
                throw new InvalidInputException(at + " data [" + begin + ", " + end + ") lies outside the data section of "
                        + dataLength + " bytes");
            }
            if (end - begin != size) {
                throw new InvalidInputException(at + " has " + (end - begin) + " bytes but shape "
                        + java.util.Arrays.toString(shape) + " needs " + size);
            }
            spans.add(new Span(name, begin, end));
            float[] v = new float[(int) count];
            ByteBuffer.wrap(bytes, (int) (dataStart + begin), (int) size).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            int rows = shape.length == 1 ? 1 : shape[0];
            int cols = shape.length == 1 ? shape[0] : shape[1];
            out.put(name, new Tensor(shape, Matrix.of(rows, cols, v)));
        }
        checkTiling(spans, dataLength, where);
        return out;
    }

    /** The data section is exactly the tensors, back to back in some order: no overlap, no hole, nothing trailing. */
    private static void checkTiling(java.util.List<Span> spans, long dataLength, String where) {
        spans.sort(java.util.Comparator.comparingLong(Span::begin).thenComparingLong(Span::end));
        long expected = 0;
        Span previous = null;
        for (Span s : spans) {
            if (s.begin() < expected) {
                throw new InvalidInputException(where + ": tensors '" + shortName(previous.name()) + "' and '" + shortName(s.name())
                        + "' overlap (bytes " + s.begin() + "…" + Math.min(expected, s.end()) + ")");
            }
            if (s.begin() > expected) {
                throw new InvalidInputException(where + ": bytes " + expected + "…" + s.begin() + " of the data belong to no tensor");
            }
            expected = s.end();
            previous = s;
        }
        if (expected != dataLength) {
            throw new InvalidInputException(where + ": " + (dataLength - expected) + " bytes after the last tensor belong to no tensor"
                    + " (the file is damaged or not written by a safetensors writer)");
        }
    }

    private static int[] shape(JsonNode n, String at) {
        if (!n.isArray()) throw new InvalidInputException(at + ": shape must be a list of sizes, got " + Json.describe(n));
        if (n.size() < 1 || n.size() > 2) {
            throw new InvalidInputException(at + " has " + n.size() + " dimensions; only vectors and matrices are used");
        }
        int[] shape = new int[n.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = Json.integer(n.get(i), at + " shape[" + i + "]");
            if (shape[i] < 0) throw new InvalidInputException(at + " shape[" + i + "] is " + shape[i] + "; sizes cannot be negative");
        }
        return shape;
    }

    private static long offset(JsonNode n, String at) {
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
            throw new InvalidInputException(at + ": data_offsets must be whole numbers ≥ 0, got " + Json.describe(n));
        }
        return n.longValue();
    }

    private static long multiply(long a, long b, String at) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new InvalidInputException(at + ": its shape is too large to exist");
        }
    }

    /** Names and dtypes come from the file: quote at most a line of them. */
    private static String shortName(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "…" : s;
    }

    private static long headerLength(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** The safetensors reference implementation refuses headers over 100 MB; ours are bounded by the file cap too. */
    private static final long MAX_HEADER = 100_000_000L;

    private static JsonNode header(byte[] bytes, String where) {
        if (bytes.length < 8) throw new InvalidInputException(where + " is not a safetensors file (shorter than its 8-byte header length)");
        long n = headerLength(bytes);
        if (n <= 0 || n > bytes.length - 8 || n > MAX_HEADER) {
            throw new InvalidInputException(where + " is not a safetensors file (header length " + n + " does not fit in " + bytes.length + " bytes)");
        }
        JsonNode header = Json.parse(new String(bytes, 8, (int) n, StandardCharsets.UTF_8), where + " header");
        if (!header.isObject()) throw new InvalidInputException(where + ": the header is not a JSON object");
        JsonNode meta = header.get("__metadata__");
        if (meta != null && !meta.isObject()) throw new InvalidInputException(where + ": __metadata__ must be an object of text values");
        return header;
    }

    /** The header's {@code __metadata__} string pairs (empty when there are none). */
    public static Map<String, String> metadata(byte[] bytes, String where) {
        JsonNode meta = header(bytes, where).path("__metadata__");
        Map<String, String> out = new LinkedHashMap<>();
        meta.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) throw new InvalidInputException(where + ": __metadata__." + shortName(e.getKey()) + " is not text");
            out.put(e.getKey(), e.getValue().textValue());
        });
        return out;
    }

    /** The tensors as a JSON object in the fixtures' inputs format, for {@link WeightsImport}. */
    public static ObjectNode toJson(Map<String, Tensor> tensors) {
        ObjectNode o = Json.F.objectNode();
        tensors.forEach((name, t) -> o.set(name, t.shape().length == 1 ? Json.array(t.values().row(0)) : Json.rows(t.values())));
        return o;
    }

    /** Writes F32 tensors (rank 2, or rank 1 when the matrix has one row and {@code vector} is set). */
    public static byte[] write(Map<String, Matrix> tensors, java.util.Set<String> vectors) {
        return write(tensors, vectors, Map.of());
    }

    /** As {@link #write(Map, java.util.Set)}, with string pairs in the header's {@code __metadata__}. */
    public static byte[] write(Map<String, Matrix> tensors, java.util.Set<String> vectors, Map<String, String> metadata) {
        ObjectNode header = Json.F.objectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Matrix> e : tensors.entrySet()) {
            Matrix m = e.getValue();
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", "F32");
            var shape = t.putArray("shape");
            if (vectors.contains(e.getKey())) {
                shape.add(m.cols());
            } else {
                shape.add(m.rows()).add(m.cols());
            }
            long size = 4L * m.rows() * m.cols();
            t.putArray("data_offsets").add(offset).add(offset + size);
            offset += size;
        }
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + h.length + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(h.length).put(h);
        for (Matrix m : tensors.values()) for (float v : m.toArray()) buf.putFloat(v);
        return buf.array();
    }
}
