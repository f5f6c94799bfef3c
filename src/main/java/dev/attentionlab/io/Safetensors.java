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
 * then the raw little-endian data. Imports read F32 tensors of rank 1 or 2; a model checkpoint also
 * F16 and BF16 ones (made float32), read from the file mapped into memory, with its buffers (a causal
 * mask of any rank and type) checked but skipped.
 */
public final class Safetensors {
    /** Rank 1 tensors come back as a 1 × n matrix. */
    public record Tensor(int[] shape, Matrix values) {}

    private Safetensors() {}

    /**
     * What a reader accepts beyond F32 vectors and matrices.
     *
     * @param halfPrecision F16 and BF16 tensors too, each value made float32
     * @param skip          tensors checked (offsets, sizes) but not read, whatever their type and rank
     */
    public record Options(boolean halfPrecision, java.util.function.Predicate<String> skip) {
        static final Options IMPORT = new Options(false, name -> false);
    }

    public static Map<String, Tensor> read(Path file) {
        return parse(bytes(file), file.toString());
    }

    /** The whole file, refusing ones over the size limit. */
    static byte[] bytes(Path file) {
        return TextFiles.bytes(file, TextFiles.MAX_BYTES);
    }

    /** Where one tensor's bytes lie in the data section (after the header). */
    private record Span(String name, long begin, long end) {}

    /** Bytes per value of the types a safetensors file may hold. */
    private static final Map<String, Integer> SIZES = Map.of("F64", 8, "F32", 4, "F16", 2, "BF16", 2, "I64", 8, "I32", 4,
            "I16", 2, "I8", 1, "U8", 1, "BOOL", 1);

    public static Map<String, Tensor> parse(byte[] bytes, String where) {
        return parse(ByteBuffer.wrap(bytes), where, Options.IMPORT);
    }

    /**
     * Every tensor, checked as the format requires before a byte is read: offsets that are whole
     * numbers inside the data section, sizes that equal dtype × shape without overflow, tensors that
     * neither overlap nor leave holes, and nothing after the last one.
     */
    static Map<String, Tensor> parse(ByteBuffer bytes, String where, Options options) {
        JsonNode header = header(bytes, where);
        long dataStart = 8 + headerLength(bytes);
        long dataLength = bytes.limit() - dataStart;
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
            boolean skipped = options.skip().test(name);
            boolean half = options.halfPrecision() && (dtype.equals("F16") || dtype.equals("BF16"));
            if (skipped ? !SIZES.containsKey(dtype) : !dtype.equals("F32") && !half) {
                throw new InvalidInputException(at + " is " + shortName(dtype) + "; only F32 (float32)"
                        + (options.halfPrecision() ? ", F16 and BF16 are" : " is") + " supported - convert with tensor.float() before saving");
            }
            int[] shape = shape(Json.require(t, "shape", at), at, skipped);
            long count = 1;
            for (int d : shape) count = multiply(count, d, at);
            long size = multiply(count, SIZES.get(dtype), at);
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
            if (skipped) continue;
            if (count > Integer.MAX_VALUE) throw new InvalidInputException(at + " has " + count + " values, too many to hold");
            ByteBuffer data = bytes.duplicate().position((int) (dataStart + begin)).limit((int) (dataStart + end)).slice()
                    .order(ByteOrder.LITTLE_ENDIAN);
            int rows = shape.length == 1 ? 1 : shape[0];
            int cols = shape.length == 1 ? shape[0] : shape[1];
            java.nio.FloatBuffer values;
            if (dtype.equals("F32")) {
                values = data.asFloatBuffer();
            } else {
                java.nio.ShortBuffer raw = data.asShortBuffer();
                float[] v = new float[(int) count];
                for (int i = 0; i < v.length; i++) v[i] = dtype.equals("F16") ? halfToFloat(raw.get(i)) : Float.intBitsToFloat(raw.get(i) << 16);
                values = java.nio.FloatBuffer.wrap(v);
            }
            out.put(name, new Tensor(shape, Matrix.read(rows, cols, values)));
        }
        checkTiling(spans, dataLength, where);
        return out;
    }

    /**
     * A model checkpoint, mapped into memory rather than read into one array (GPT-2 small is 548 MB):
     * only its tensors' floats are copied out. No size cap beyond what one mapping holds (2 GiB).
     */
    public static Map<String, Tensor> map(Path file, Options options) {
        TextFiles.requireRegularFile(file);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new InvalidInputException(file + " is " + (size >> 20) + " MiB; checkpoints over 2 GiB (gpt2-large and up) are not read yet");
            }
            return parse(ch.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, size), file.toString(), options);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** IEEE 754 half precision to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13);
        if (exp == 0) {
            if (mantissa == 0) return Float.intBitsToFloat(sign);
            // Subnormal: value = mantissa × 2^−24, exactly representable as a float.
            float v = mantissa * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | (exp + 112) << 23 | mantissa << 13);
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

    private static int[] shape(JsonNode n, String at, boolean anyRank) {
        if (!n.isArray()) throw new InvalidInputException(at + ": shape must be a list of sizes, got " + Json.describe(n));
        if (!anyRank && (n.size() < 1 || n.size() > 2)) {
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

    private static long headerLength(ByteBuffer bytes) {
        return bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    }

    /** The safetensors reference implementation refuses headers over 100 MB; ours are bounded by the file cap too. */
    private static final long MAX_HEADER = 100_000_000L;

    private static JsonNode header(ByteBuffer bytes, String where) {
        if (bytes.limit() < 8) throw new InvalidInputException(where + " is not a safetensors file (shorter than its 8-byte header length)");
        long n = headerLength(bytes);
        if (n <= 0 || n > bytes.limit() - 8 || n > MAX_HEADER) {
            throw new InvalidInputException(where + " is not a safetensors file (header length " + n + " does not fit in " + bytes.limit() + " bytes)");
        }
        byte[] text = new byte[(int) n];
        bytes.duplicate().position(8).get(text);
        JsonNode header = Json.parse(new String(text, StandardCharsets.UTF_8), where + " header");
        if (!header.isObject()) throw new InvalidInputException(where + ": the header is not a JSON object");
        JsonNode meta = header.get("__metadata__");
        if (meta != null && !meta.isObject()) throw new InvalidInputException(where + ": __metadata__ must be an object of text values");
        return header;
    }

    /** The header's {@code __metadata__} string pairs (empty when there are none). */
    public static Map<String, String> metadata(byte[] bytes, String where) {
        JsonNode meta = header(ByteBuffer.wrap(bytes), where).path("__metadata__");
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
