package dev.attentionlab.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attentionlab.engine.AttentionConfig;
import dev.attentionlab.engine.AttentionResult;
import dev.attentionlab.engine.AttentionWeights;
import dev.attentionlab.engine.HeadResult;
import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.MaskFill;
import dev.attentionlab.engine.MaskMatrix;
import dev.attentionlab.engine.Matrix;
import dev.attentionlab.engine.MultiHeadAttention;
import dev.attentionlab.engine.NotebookTokenizer;
import dev.attentionlab.engine.Sampler;
import dev.attentionlab.engine.ScaleMode;
import dev.attentionlab.engine.Softmax;
import dev.attentionlab.engine.Token;
import dev.attentionlab.engine.TorchGenerator;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Recomputes a reference case of {@code shared/fixtures} from its {@code inputs} alone and returns
 * {@code {"name": …, "actual": {…}}} where {@code actual} has the keys of the fixture's
 * {@code expected} (fields with "default_capability" in their name are left out: the engine
 * reproduces the AVX2 kernels).
 */
public final class FixtureReplay {
    private static final int LARGE = 4096;
    private static final int HEAD_TAIL = 48;
    private static final Pattern ROWS = Pattern.compile(".*_rows_(\\d+)_to_(\\d+)(_bits)?");

    private FixtureReplay() {}

    /**
     * The most values one replay may draw or produce. The shared fixtures need 150,000 (the notebook's
     * 50,000 × 3 embedding); a hostile one asking for 10^9 is refused before anything is allocated.
     * Every value produced is also written out as JSON twice (value and bits), so this keeps a replay
     * well inside a 512 MB heap.
     */
    static final long MAX_VALUES = 1 << 19;

    public static ObjectNode replay(JsonNode fixture) {
        if (fixture == null || !fixture.isObject()) throw new InvalidInputException("a fixture is a JSON object with name, kind, inputs and expected");
        String name = Json.require(fixture, "name", "fixture").asText();
        try {
            return replayChecked(fixture, name);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            // Matrix products and slices check their shapes; here those shapes came from the fixture's inputs.
            throw new InvalidInputException("fixture " + name + ": its inputs do not fit together (" + e.getMessage() + ")");
        }
    }

    private static ObjectNode replayChecked(JsonNode fixture, String name) {
        String kind = Json.require(fixture, "kind", "fixture " + name).asText();
        JsonNode inputs = Json.require(fixture, "inputs", "fixture " + name);
        JsonNode expected = Json.require(fixture, "expected", "fixture " + name);
        String where = name + ".inputs";
        ObjectNode actual = switch (kind) {
            case "rng" -> rng(inputs, expected, where);
            case "attention_single_head" -> singleHead(inputs, expected, where);
            case "attention_temperature" -> temperature(inputs, where);
            case "multi_head_attention" -> multiHead(inputs, expected, where);
            case "sampling_distribution" -> sampling(inputs, where);
            case "pipeline" -> pipeline(inputs, expected, where);
            default -> throw new InvalidInputException("fixture " + name + ": unknown kind '" + kind + "'");
        };
        ObjectNode out = Json.F.objectNode();
        out.put("name", name);
        out.set("actual", onlyExpectedKeys(actual, expected));
        return out;
    }

    // ---- attention -------------------------------------------------------------------------

    private static ObjectNode singleHead(JsonNode in, JsonNode expected, String where) {
        Matrix x = Json.matrix(Json.require(in, "X", where), where + ".X");
        Matrix wq = Json.matrix(Json.require(in, "W_q", where), where + ".W_q");
        Matrix wk = Json.matrix(Json.require(in, "W_k", where), where + ".W_k");
        Matrix wv = Json.matrix(Json.require(in, "W_v", where), where + ".W_v");
        int dk = in.has("d_k") ? Json.integer(in.get("d_k"), where + ".d_k") : wq.cols();
        MaskMatrix mask = Json.mask(in.get("mask"), where + ".mask");
        JsonNode kpm = in.get("key_padding_mask");
        if (kpm != null && !kpm.isNull()) {
            mask = MaskMatrix.withKeyPadding(mask, x.rows(), Json.bools(kpm, where + ".key_padding_mask"));
        }
        ScaleMode scale = scaleMode(in, dk, x.cols(), where);
        AttentionResult r = MultiHeadAttention.selfAttention(x, AttentionWeights.notebook(wq, wk, wv, null),
                new AttentionConfig(1, scale, MaskFill.NEGATIVE_INFINITY, 1.0, false), mask);
        HeadResult h = r.heads().get(0);
        ObjectNode a = Json.F.objectNode();
        a.set("Q", Json.rows(h.q()));
        a.set("K", Json.rows(h.k()));
        a.set("V", Json.rows(h.v()));
        a.set("scores_raw", Json.rows(h.scoresRaw()));
        a.set("scores_scaled", Json.rows(h.scoresScaled()));
        a.set("scores_masked", Json.rows(h.scoresMasked()));
        a.set("weights", Json.rows(h.weights()));
        a.set("context", Json.rows(h.context()));
        return a;
    }

    private static ScaleMode scaleMode(JsonNode in, int dk, int dModel, String where) {
        if (!in.has("scale")) return ScaleMode.INV_SQRT_DK;
        double scale = Json.toDouble(in.get("scale"), where + ".scale");
        if (Math.abs(scale - 1 / Math.sqrt(dk)) < 1e-12) return ScaleMode.INV_SQRT_DK;
        if (scale == 1.0) return ScaleMode.NONE;
        if (Math.abs(scale - 1 / Math.sqrt(dModel)) < 1e-12) return ScaleMode.INV_SQRT_DMODEL;
        throw new InvalidInputException(where + ".scale: " + scale + " is none of 1/√d_k, 1 and 1/√d_model");
    }

    private static ObjectNode temperature(JsonNode in, String where) {
        Matrix scores = Json.matrix(Json.require(in, "scores_scaled", where), where + ".scores_scaled");
        Matrix v = Json.matrix(Json.require(in, "V", where), where + ".V");
        MaskMatrix mask = Json.mask(in.get("mask"), where + ".mask");
        Matrix masked = mask == null ? scores : mask.fill(scores, Float.NEGATIVE_INFINITY);
        ArrayNode list = Json.F.arrayNode();
        for (double t : Json.doubles(Json.require(in, "temperatures", where), where + ".temperatures")) {
            Matrix w = Softmax.rows(masked, t);
            ObjectNode o = list.addObject();
            o.set("temperature", Json.number(t));
            o.set("weights", Json.rows(w));
            o.set("context", Json.rows(w.times(v)));
        }
        ObjectNode a = Json.F.objectNode();
        a.set("by_temperature", list);
        return a;
    }

    private static ObjectNode multiHead(JsonNode in, JsonNode expected, String where) {
        int heads = Json.integer(Json.require(in, "num_heads", where), where + ".num_heads");
        JsonNode xs = Json.require(in, "x", where);
        if (!xs.isArray() || xs.isEmpty()) throw new InvalidInputException(where + ".x: expected [B][L][E]");
        if (in.has("batch_first") && !in.get("batch_first").asBoolean(true)) {
            throw new InvalidInputException(where + ".batch_first: only batch_first=true inputs are supported");
        }
        List<Matrix> batch = new ArrayList<>();
        for (int b = 0; b < xs.size(); b++) batch.add(Json.matrix(xs.get(b), where + ".x[" + b + "]"));
        Matrix inProj = Json.matrix(Json.require(in, "in_proj_weight", where), where + ".in_proj_weight");
        float[] inBias = optionalFloats(in.get("in_proj_bias"), where + ".in_proj_bias");
        Matrix outProj = Json.matrix(Json.require(in, "out_proj_weight", where), where + ".out_proj_weight");
        float[] outBias = optionalFloats(in.get("out_proj_bias"), where + ".out_proj_bias");
        AttentionWeights w = AttentionWeights.fromTorchMha(inProj, inBias, outProj, outBias);
        MaskMatrix attnMask = Json.mask(in.get("attn_mask"), where + ".attn_mask");
        boolean[][] kpm = null;
        JsonNode kpmNode = in.get("key_padding_mask");
        if (kpmNode != null && !kpmNode.isNull()) {
            kpm = new boolean[kpmNode.size()][];
            for (int b = 0; b < kpm.length; b++) kpm[b] = Json.bools(kpmNode.get(b), where + ".key_padding_mask[" + b + "]");
            if (kpm.length != batch.size()) {
                throw new InvalidInputException(where + ".key_padding_mask has " + kpm.length + " rows for a batch of " + batch.size());
            }
        }
        List<AttentionResult> results = MultiHeadAttention.batch(batch, w, AttentionConfig.torchDefaults(heads), attnMask, kpm);
        int dh = inProj.cols() / heads;
        ArrayNode output = Json.F.arrayNode();
        ArrayNode weights = Json.F.arrayNode();
        ArrayNode avg = Json.F.arrayNode();
        ArrayNode q = Json.F.arrayNode();
        ArrayNode k = Json.F.arrayNode();
        ArrayNode v = Json.F.arrayNode();
        ArrayNode qScaled = Json.F.arrayNode();
        ArrayNode scores = Json.F.arrayNode();
        ArrayNode ctx = Json.F.arrayNode();
        ArrayNode concat = Json.F.arrayNode();
        for (AttentionResult r : results) {
            output.add(Json.rows(r.output()));
            avg.add(Json.rows(r.averageWeights()));
            concat.add(Json.rows(r.concat()));
            ArrayNode wb = weights.addArray();
            ArrayNode qb = q.addArray();
            ArrayNode kb = k.addArray();
            ArrayNode vb = v.addArray();
            ArrayNode qsb = qScaled.addArray();
            ArrayNode sb = scores.addArray();
            ArrayNode cb = ctx.addArray();
            for (HeadResult h : r.heads()) {
                wb.add(Json.rows(h.weights()));
                qb.add(Json.rows(h.q()));
                kb.add(Json.rows(h.k()));
                vb.add(Json.rows(h.v()));
                qsb.add(Json.rows(h.q().divide((float) Math.sqrt(dh))));
                sb.add(Json.rows(h.scoresMasked()));
                cb.add(Json.rows(h.context()));
            }
        }
        ObjectNode a = Json.F.objectNode();
        a.set("output", output);
        a.set("attn_weights", weights);
        a.set("attn_weights_avg", avg);
        ObjectNode inter = a.putObject("intermediates");
        inter.set("q", q);
        inter.set("k", k);
        inter.set("v", v);
        inter.set("q_scaled", qScaled);
        inter.set("scores_masked", scores);
        inter.set("context_heads", ctx);
        inter.set("context_concat", concat);
        return a;
    }

    private static float[] optionalFloats(JsonNode n, String where) {
        return n == null || n.isNull() ? null : Json.floats(n, where);
    }

    // ---- sampling --------------------------------------------------------------------------

    private static ObjectNode sampling(JsonNode in, String where) {
        float[] logits = Json.floats(Json.require(in, "logits", where), where + ".logits");
        int k = Json.integer(Json.require(in, "top_k", where), where + ".top_k");
        if (k < 1 || k > logits.length) throw new InvalidInputException(where + ".top_k: " + k + " is outside 1…" + logits.length);
        int[] top = Sampler.topKIndices(logits, k);
        float[] topLogits = new float[k];
        for (int i = 0; i < k; i++) topLogits[i] = logits[top[i]];
        float[] kept = Sampler.keepTopK(logits, k);
        ArrayNode list = Json.F.arrayNode();
        for (double t : Json.doubles(Json.require(in, "temperatures", where), where + ".temperatures")) {
            ObjectNode o = list.addObject();
            o.set("temperature", Json.number(t));
            o.set("probs", Json.array(Softmax.of(logits, t)));
            o.set("topk_probs", Json.array(Softmax.of(kept, t)));
        }
        ObjectNode a = Json.F.objectNode();
        a.put("argmax", Softmax.argmax(logits));
        a.set("topk_indices", Json.array(top));
        a.set("topk_logits", Json.array(topLogits));
        a.set("by_temperature", list);
        return a;
    }

    // ---- rng -------------------------------------------------------------------------------

    /** One tensor a program produced. Exactly one of the value arrays is set. */
    private record Produced(int opIndex, String name, int[] shape, String dtype, float[] f32, double[] f64, long[] i64) {}

    private static ObjectNode rng(JsonNode in, JsonNode expected, String where) {
        if (in.has("program")) {
            List<Produced> produced = runProgram(in.get("program"), where + ".program", new TorchGenerator(0));
            ArrayNode outputs = Json.F.arrayNode();
            for (Produced p : produced) outputs.add(tensor(p));
            ObjectNode a = Json.F.objectNode();
            a.set("outputs", outputs);
            return a;
        }
        long seed = seed(Json.require(in, "seed", where), where + ".seed");
        String op = Json.require(in, "op", where).asText();
        if (op.equals("mt19937_raw_uint32")) return rawDraws(seed, expected);
        if (!in.isObject()) throw new InvalidInputException(where + ": expected an object");
        ObjectNode single = ((ObjectNode) in.deepCopy());
        single.remove("seed");
        TorchGenerator g = new TorchGenerator(seed);
        List<Produced> produced = runOp(single, 0, where, g);
        if (produced.size() != 1) throw new InvalidInputException(where + ": op '" + op + "' makes " + produced.size() + " tensors; use a program");
        return tensor(produced.get(0));
    }

    /** Raw MT19937 draws for keys like first_16, draws_620_to_630, state_after_seeding_first_4, random64_first_2. */
    private static ObjectNode rawDraws(long seed, JsonNode expected) {
        ObjectNode a = Json.F.objectNode();
        Iterator<String> keys = expected.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            Matcher first = Pattern.compile("first_(\\d+)").matcher(key);
            Matcher range = Pattern.compile("draws_(\\d+)_to_(\\d+)").matcher(key);
            Matcher state = Pattern.compile("state_after_seeding_first_(\\d+)").matcher(key);
            Matcher r64 = Pattern.compile("random64_first_(\\d+)").matcher(key);
            ArrayNode values = Json.F.arrayNode();
            if (state.matches()) {
                int n = count(state.group(1), 624, key);
                for (long v : new TorchGenerator(seed).stateHead(n)) values.add(v);
            } else if (r64.matches()) {
                TorchGenerator g = new TorchGenerator(seed);
                for (int i = 0, n = count(r64.group(1), MAX_VALUES / 2, key); i < n; i++) {
                    values.add(new BigInteger(Long.toUnsignedString(g.random64())));
                }
            } else if (first.matches() || range.matches()) {
                int from = first.matches() ? 0 : count(range.group(1), MAX_VALUES, key);
                int to = first.matches() ? count(first.group(1), MAX_VALUES, key) - 1 : count(range.group(2), MAX_VALUES, key);
                TorchGenerator g = new TorchGenerator(seed);
                for (int i = 0; i < from; i++) g.random();
                for (int i = from; i <= to; i++) values.add(g.random());
            } else {
                continue;
            }
            a.set(key, values);
        }
        return a;
    }

    /** A count written in an expected key, e.g. the 16 of first_16, at most {@code max}. */
    private static int count(String digits, long max, String key) {
        if (digits.length() > 9 || Long.parseLong(digits) > max) {
            throw new InvalidInputException("expected." + key + " asks for more than " + max + " draws");
        }
        return Integer.parseInt(digits);
    }

    private static List<Produced> runProgram(JsonNode program, String where, TorchGenerator g) {
        if (!program.isArray()) throw new InvalidInputException(where + ": expected an array of ops");
        List<Produced> out = new ArrayList<>();
        for (int i = 0; i < program.size(); i++) {
            out.addAll(runOp(program.get(i), i, where + "[" + i + "]", g));
            if (g.draws() > 2 * MAX_VALUES) throw new InvalidInputException(where + ": the program draws more than " + 2 * MAX_VALUES + " numbers");
        }
        return out;
    }

    private static List<Produced> runOp(JsonNode op, int index, String where, TorchGenerator g) {
        if (op == null || !op.isObject()) throw new InvalidInputException(where + ": expected an op object such as {\"op\": \"rand\", \"shape\": [3]}");
        String name = Json.require(op, "op", where).asText();
        String dtype = op.has("dtype") ? op.get("dtype").asText() : "float32";
        boolean f64 = switch (dtype) {
            case "float32" -> false;
            case "float64" -> true;
            default -> throw new InvalidInputException(where + ".dtype: '" + dtype + "' is not float32 or float64");
        };
        return switch (name) {
            case "seed" -> {
                g.manualSeed(seed(Json.require(op, "seed", where), where + ".seed"));
                yield List.of();
            }
            case "rand", "randn", "uniform_", "normal_" -> {
                int[] shape = shape(op, where);
                int n = numel(shape, where);
                boolean uniform = name.equals("rand") || name.equals("uniform_");
                double a = uniform ? number(op, "from", 0, where) : number(op, "mean", 0, where);
                double b = uniform ? number(op, "to", 1, where) : number(op, "std", 1, where);
                yield List.of(f64
                        ? new Produced(index, name, shape, dtype, null, uniform ? g.uniformDouble(n, a, b) : g.normalDouble(n, a, b), null)
                        : new Produced(index, name, shape, dtype, uniform ? g.uniform(n, a, b) : g.normal(n, a, b), null, null));
            }
            case "exponential_" -> {
                int[] shape = op.has("shape") ? shape(op, where) : new int[] {Json.integer(Json.require(op, "n", where), where + ".n")};
                int n = numel(shape, where);
                double lambd = number(op, "lambd", 1, where);
                yield List.of(f64 ? new Produced(index, name, shape, dtype, null, g.exponentialDouble(n, lambd), null)
                        : new Produced(index, name, shape, dtype, g.exponential(n, lambd), null, null));
            }
            case "linear" -> {
                int in = Json.integer(Json.require(op, "in", where), where + ".in");
                int outF = Json.integer(Json.require(op, "out", where), where + ".out");
                numel(new int[] {outF, in}, where);
                boolean bias = !op.has("bias") || op.get("bias").asBoolean();
                TorchGenerator.LinearInit l = g.linear(in, outF, bias);
                List<Produced> p = new ArrayList<>();
                p.add(new Produced(index, "weight", new int[] {outF, in}, "float32", l.weight().toArray(), null, null));
                if (bias) p.add(new Produced(index, "bias", new int[] {outF}, "float32", l.bias(), null, null));
                yield p;
            }
            case "embedding" -> {
                int num = Json.integer(Json.require(op, "num", where), where + ".num");
                int dim = Json.integer(Json.require(op, "dim", where), where + ".dim");
                float[] w = g.normal(numel(new int[] {num, dim}, where), 0, 1);
                if (op.has("padding_idx") && !op.get("padding_idx").isNull()) {
                    int pad = Json.integer(op.get("padding_idx"), where + ".padding_idx");
                    if (pad < 0) pad += num;
                    if (pad < 0 || pad >= num) throw new InvalidInputException(where + ".padding_idx is outside the " + num + " rows");
                    java.util.Arrays.fill(w, pad * dim, (pad + 1) * dim, 0f);
                }
                yield List.of(new Produced(index, "weight", new int[] {num, dim}, "float32", w, null, null));
            }
            case "mha_init" -> {
                int e = Json.integer(Json.require(op, "embed_dim", where), where + ".embed_dim");
                numel(new int[] {4, e, e}, where);
                TorchGenerator.MhaInit m = g.multiheadAttention(e);
                yield List.of(
                        new Produced(index, "in_proj_weight", new int[] {3 * e, e}, "float32", m.inProjWeight().toArray(), null, null),
                        new Produced(index, "in_proj_bias", new int[] {3 * e}, "float32", m.inProjBias(), null, null),
                        new Produced(index, "out_proj.weight", new int[] {e, e}, "float32", m.outProjWeight().toArray(), null, null),
                        new Produced(index, "out_proj.bias", new int[] {e}, "float32", m.outProjBias(), null, null));
            }
            case "multinomial" -> {
                JsonNode probs = Json.require(op, "probs", where);
                int k = op.has("num_samples") ? Json.integer(op.get("num_samples"), where + ".num_samples") : 1;
                numel(new int[] {probs.size(), k}, where);
                boolean replacement = op.has("replacement") && op.get("replacement").asBoolean();
                boolean twoD = probs.isArray() && !probs.isEmpty() && probs.get(0).isArray();
                float[][] p = twoD ? Json.matrix(probs, where + ".probs").toRows() : new float[][] {Json.floats(probs, where + ".probs")};
                int[][] drawn = g.multinomial(p, k, replacement);
                long[] flat = new long[p.length * k];
                for (int r = 0; r < p.length; r++) for (int s = 0; s < k; s++) flat[r * k + s] = drawn[r][s];
                yield List.of(new Produced(index, "indices", twoD ? new int[] {p.length, k} : new int[] {k}, "int64", null, null, flat));
            }
            default -> throw new InvalidInputException(where + ": unknown op '" + name + "'");
        };
    }

    private static ObjectNode tensor(Produced p) {
        ObjectNode o = Json.F.objectNode();
        o.put("op_index", p.opIndex());
        o.put("name", p.name());
        o.set("shape", Json.array(p.shape()));
        o.put("dtype", p.dtype());
        if (p.i64() != null) {
            ArrayNode v = o.putArray("values");
            for (long x : p.i64()) v.add(x);
            return o;
        }
        int n = p.f32() != null ? p.f32().length : p.f64().length;
        o.set("values", values(p, 0, n));
        o.set("bits", bits(p, 0, n));
        if (n > LARGE) {
            o.put("numel", n);
            o.set("values_head", values(p, 0, HEAD_TAIL));
            o.set("bits_head", bits(p, 0, HEAD_TAIL));
            o.set("values_tail", values(p, n - HEAD_TAIL, n));
            o.set("bits_tail", bits(p, n - HEAD_TAIL, n));
            o.put("crc32", p.f32() != null ? crc32(p.f32()) : crc32(p.f64()));
        }
        return o;
    }

    private static ArrayNode values(Produced p, int from, int to) {
        ArrayNode a = Json.F.arrayNode();
        for (int i = from; i < to; i++) a.add(p.f32() != null ? Json.number(p.f32()[i]) : Json.number(p.f64()[i]));
        return a;
    }

    private static ArrayNode bits(Produced p, int from, int to) {
        ArrayNode a = Json.F.arrayNode();
        for (int i = from; i < to; i++) {
            a.add(p.f32() != null ? String.format("0x%08x", Float.floatToRawIntBits(p.f32()[i]))
                    : String.format("0x%016x", Double.doubleToRawLongBits(p.f64()[i])));
        }
        return a;
    }

    static String crc32(float[] values) {
        byte[] bytes = new byte[values.length * 4];
        for (int i = 0; i < values.length; i++) {
            int b = Float.floatToRawIntBits(values[i]);
            for (int k = 0; k < 4; k++) bytes[4 * i + k] = (byte) (b >>> (8 * k));
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return String.format("0x%08x", crc.getValue());
    }

    static String crc32(double[] values) {
        byte[] bytes = new byte[values.length * 8];
        for (int i = 0; i < values.length; i++) {
            long b = Double.doubleToRawLongBits(values[i]);
            for (int k = 0; k < 8; k++) bytes[8 * i + k] = (byte) (b >>> (8 * k));
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return String.format("0x%08x", crc.getValue());
    }

    /** A Python int seed: taken mod 2^64, like torch.manual_seed. */
    private static long seed(JsonNode n, String where) {
        if (n == null || !n.isIntegralNumber()) throw new InvalidInputException(where + ": expected an integer seed, got " + Json.describe(n));
        return n.bigIntegerValue().longValue();
    }

    private static int[] shape(JsonNode op, String where) {
        JsonNode s = Json.require(op, "shape", where);
        if (!s.isArray()) throw new InvalidInputException(where + ".shape: expected an array of sizes");
        int[] shape = new int[s.size()];
        for (int i = 0; i < shape.length; i++) shape[i] = Json.integer(s.get(i), where + ".shape[" + i + "]");
        return shape;
    }

    private static int numel(int[] shape, String where) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new InvalidInputException(where + ": negative size in shape " + java.util.Arrays.toString(shape));
            n *= d;
            // Checked as it grows, so the product cannot overflow on its way past the limit.
            if (n > MAX_VALUES) {
                throw new InvalidInputException(where + ": shape " + java.util.Arrays.toString(shape) + " is over the replay's limit of "
                        + MAX_VALUES + " values");
            }
        }
        return (int) n;
    }

    private static double number(JsonNode op, String field, double fallback, String where) {
        return op.has(field) ? Json.toDouble(op.get(field), where + "." + field) : fallback;
    }

    // ---- pipeline --------------------------------------------------------------------------

    private static ObjectNode pipeline(JsonNode in, JsonNode expected, String where) {
        String prompt = Json.require(in, "prompt", where).asText();
        NotebookTokenizer tok = NotebookTokenizer.fit(prompt);
        List<Token> tokens = tok.encode(prompt);
        int[] ids = tokens.stream().mapToInt(Token::id).toArray();

        TorchGenerator g = new TorchGenerator(0);
        JsonNode program = Json.require(in, "program", where);
        Produced embedding = null;
        long drawsForEmbedding = 0;
        List<Produced> rands = new ArrayList<>();
        for (int i = 0; i < program.size(); i++) {
            JsonNode op = program.get(i);
            long before = g.draws();
            List<Produced> made = runOp(op, i, where + ".program[" + i + "]", g);
            if (op.path("op").asText().equals("embedding")) {
                embedding = made.get(0);
                drawsForEmbedding = g.draws() - before;
            } else {
                rands.addAll(made);
            }
        }
        if (embedding == null) throw new InvalidInputException(where + ".program has no embedding op");
        if (rands.size() < 3) throw new InvalidInputException(where + ".program needs three rand ops (W_q, W_k, W_v)");
        int dim = embedding.shape()[1];
        Matrix table = Matrix.of(embedding.shape()[0], dim, embedding.f32());
        Matrix x = table.selectRows(ids);
        Matrix wq = Matrix.of(rands.get(0).shape()[0], rands.get(0).shape()[1], rands.get(0).f32());
        Matrix wk = Matrix.of(rands.get(1).shape()[0], rands.get(1).shape()[1], rands.get(1).f32());
        Matrix wv = Matrix.of(rands.get(2).shape()[0], rands.get(2).shape()[1], rands.get(2).f32());

        AttentionResult r = MultiHeadAttention.selfAttention(x, AttentionWeights.notebook(wq, wk, wv, null),
                AttentionConfig.torchDefaults(1), null);
        HeadResult h = r.heads().get(0);

        ObjectNode a = Json.F.objectNode();
        ObjectNode vocab = a.putObject("vocab");
        tok.vocabulary().entries().forEach(e -> vocab.put(e.text(), e.id()));
        a.set("tokens", Json.array(ids));
        Iterator<String> keys = expected.fieldNames();
        while (keys.hasNext()) {
            Matcher m = ROWS.matcher(keys.next());
            if (!m.matches() || m.group(0).contains("default_capability")) continue;
            Matrix rows = table.rowRange(count(m.group(1), table.rows(), m.group(0)), count(m.group(2), table.rows() - 1, m.group(0)) + 1);
            a.set(m.group(0), m.group(3) != null ? bitsOf(rows) : Json.rows(rows));
        }
        a.put("embedding_weight_crc32", crc32(embedding.f32()));
        a.put("mt_draws_consumed_by_embedding", drawsForEmbedding);
        a.set("token_embedding", Json.rows(x));
        a.set("token_embedding_bits", bitsOf(x));
        a.set("w_query", Json.rows(wq));
        a.set("w_query_bits", bitsOf(wq));
        a.set("w_key", Json.rows(wk));
        a.set("w_key_bits", bitsOf(wk));
        a.set("w_value", Json.rows(wv));
        a.set("w_value_bits", bitsOf(wv));
        a.set("Q", Json.rows(h.q()));
        a.set("K", Json.rows(h.k()));
        a.set("V", Json.rows(h.v()));
        a.set("scores_raw", Json.rows(h.scoresRaw()));
        a.set("scores_scaled", Json.rows(h.scoresScaled()));
        a.set("weights", Json.rows(h.weights()));
        a.set("context", Json.rows(h.context()));
        return a;
    }

    private static ArrayNode bitsOf(Matrix m) {
        ArrayNode a = Json.F.arrayNode();
        for (float v : m.toArray()) a.add(String.format("0x%08x", Float.floatToRawIntBits(v)));
        return a;
    }

    /**
     * Keeps the keys the fixture expects, in its order; the "default_capability" variants are left
     * out, since the engine reproduces the primary (AVX2) kernels. RNG outputs keep every field the
     * replay made (full values included), minus those variants.
     */
    private static ObjectNode onlyExpectedKeys(ObjectNode actual, JsonNode expected) {
        ObjectNode out = Json.F.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
        while (fields.hasNext()) {
            String key = fields.next().getKey();
            if (key.contains("default_capability")) continue;
            JsonNode value = actual.get(key);
            if (value == null) {
                if (key.endsWith("_bits") || key.endsWith("bits")) continue;
                throw new InvalidInputException("the replay has no value for expected field '" + key + "'");
            }
            out.set(key, value);
        }
        return out;
    }
}
