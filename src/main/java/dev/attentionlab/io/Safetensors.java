package dev.attentionlab.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.Matrix;
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
        try {
            long size = Files.size(file);
            if (size > TextFiles.MAX_BYTES) throw new InvalidInputException(file + " is over 64 MiB; files that large are not opened");
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException(file + " does not exist");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    public static Map<String, Tensor> parse(byte[] bytes, String where) {
        JsonNode header = header(bytes, where);
        int dataStart = 8 + (int) headerLength(bytes);
        Map<String, Tensor> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = header.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (name.equals("__metadata__")) continue;
            JsonNode t = e.getValue();
            String dtype = Json.require(t, "dtype", where + ": tensor '" + name + "'").asText();
            if (!dtype.equals("F32")) {
                throw new InvalidInputException(where + ": tensor '" + name + "' is " + dtype + "; only F32 (float32) is supported"
                        + " - convert with tensor.float() before saving");
            }
            JsonNode shapeNode = Json.require(t, "shape", where + ": tensor '" + name + "'");
            int[] shape = new int[shapeNode.size()];
            long count = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = Json.integer(shapeNode.get(i), where + ": tensor '" + name + "' shape");
                count *= shape[i];
            }
            if (shape.length < 1 || shape.length > 2) {
                throw new InvalidInputException(where + ": tensor '" + name + "' has " + shape.length + " dimensions; only vectors and matrices are used");
            }
            JsonNode offsets = Json.require(t, "data_offsets", where + ": tensor '" + name + "'");
            long begin = offsets.get(0).asLong();
            long end = offsets.get(1).asLong();
            if (begin < 0 || end < begin || dataStart + end > bytes.length) {
                throw new InvalidInputException(where + ": tensor '" + name + "' data [" + begin + ", " + end + ") lies outside the file");
            }
            if (end - begin != count * 4) {
                throw new InvalidInputException(where + ": tensor '" + name + "' has " + (end - begin) + " bytes but shape "
                        + java.util.Arrays.toString(shape) + " needs " + count * 4);
            }
            float[] v = new float[(int) count];
            ByteBuffer.wrap(bytes, dataStart + (int) begin, (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            int rows = shape.length == 1 ? 1 : shape[0];
            int cols = shape.length == 1 ? shape[0] : shape[1];
            out.put(name, new Tensor(shape, Matrix.of(rows, cols, v)));
        }
        return out;
    }

    private static long headerLength(byte[] bytes) {
        return ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static JsonNode header(byte[] bytes, String where) {
        if (bytes.length < 8) throw new InvalidInputException(where + " is not a safetensors file (shorter than its 8-byte header length)");
        long n = headerLength(bytes);
        if (n <= 0 || n > bytes.length - 8) {
            throw new InvalidInputException(where + " is not a safetensors file (header length " + n + " does not fit in " + bytes.length + " bytes)");
        }
        JsonNode header = Json.parse(new String(bytes, 8, (int) n, StandardCharsets.UTF_8), where + " header");
        if (!header.isObject()) throw new InvalidInputException(where + ": the header is not a JSON object");
        return header;
    }

    /** The header's {@code __metadata__} string pairs (empty when there are none). */
    public static Map<String, String> metadata(byte[] bytes, String where) {
        JsonNode meta = header(bytes, where).path("__metadata__");
        Map<String, String> out = new LinkedHashMap<>();
        meta.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
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
