package dev.attentionlab.io;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.io.onnx.OnnxProto;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The float weights of an ONNX graph, by name. An exporter such as PyTorch's leaves the weights of
 * MatMul nodes anonymous ({@code onnx::MatMul_787}); they are named after the node that uses them, so
 * {@code /encoder/layer.0/attention/self/query/MatMul} gives {@code encoder.layer.0.attention.self.query.weight}.
 */
public final class OnnxInitializers {
    private OnnxInitializers() {}

    static Map<String, NamedTensors.Tensor> read(InputStream in, String where) {
        OnnxProto.ModelProto model;
        try {
            CodedInputStream coded = CodedInputStream.newInstance(in);
            coded.setSizeLimit(Integer.MAX_VALUE);
            model = OnnxProto.ModelProto.parseFrom(coded);
        } catch (IOException e) {
            throw new InvalidInputException(where + " is not a readable ONNX model: " + e.getMessage());
        }
        OnnxProto.GraphProto graph = model.getGraph();
        Map<String, String> names = new LinkedHashMap<>();
        for (OnnxProto.NodeProto node : graph.getNodeList()) {
            if (node.getOpType().equals("MatMul") && node.getInputCount() == 2) names.put(node.getInput(1), weightName(node.getName()));
        }
        Map<String, NamedTensors.Tensor> out = new LinkedHashMap<>();
        for (OnnxProto.TensorProto t : graph.getInitializerList()) {
            if (t.getDataType() != OnnxProto.TensorProto.DataType.FLOAT_VALUE) continue;
            String name = names.getOrDefault(t.getName(), t.getName());
            out.put(name, tensor(t, where + ": " + name));
        }
        return out;
    }

    /** "/encoder/layer.0/attention/self/query/MatMul" → "encoder.layer.0.attention.self.query.weight". */
    static String weightName(String node) {
        String path = node.startsWith("/") ? node.substring(1) : node;
        int cut = path.lastIndexOf('/');
        return (cut < 0 ? path : path.substring(0, cut)).replace('/', '.') + ".weight";
    }

    private static NamedTensors.Tensor tensor(OnnxProto.TensorProto t, String where) {
        long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        if (dims.length < 1 || dims.length > 2) throw new InvalidInputException(where + " has rank " + dims.length + "; only 1 or 2 is read");
        long count = 1;
        for (long d : dims) {
            if (d < 1) throw new InvalidInputException(where + " has a dimension of " + d);
            count = Math.multiplyExact(count, d);
        }
        if (count > Integer.MAX_VALUE) throw new InvalidInputException(where + " has " + count + " values, too many to hold");
        int rows = dims.length == 1 ? 1 : (int) dims[0];
        int cols = (int) (count / rows);
        java.nio.FloatBuffer values;
        if (t.hasRawData()) {
            ByteString raw = t.getRawData();
            if (raw.size() != count * Float.BYTES) {
                throw new InvalidInputException(where + " holds " + raw.size() + " bytes, but " + Arrays.toString(dims) + " floats need " + count * 4);
            }
            values = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        } else {
            if (t.getFloatDataCount() != count) {
                throw new InvalidInputException(where + " holds " + t.getFloatDataCount() + " floats, but " + Arrays.toString(dims) + " needs " + count);
            }
            float[] v = new float[(int) count];
            for (int i = 0; i < v.length; i++) v[i] = t.getFloatData(i);
            values = java.nio.FloatBuffer.wrap(v);
        }
        return new NamedTensors.Tensor(dims, Matrix.read(rows, cols, values));
    }
}
