package dev.attentionlab.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.AttentionWeights;
import dev.attentionlab.engine.model.Block;
import dev.attentionlab.engine.model.Embedding;
import dev.attentionlab.engine.model.Gelu;
import dev.attentionlab.engine.model.Mlp;
import dev.attentionlab.engine.model.NormPlacement;
import dev.attentionlab.engine.model.Positions;
import dev.attentionlab.engine.model.PretrainedModel;
import dev.attentionlab.engine.model.Transformer;
import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.tokenize.ByteLevelBpeTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GPT-2 checkpoint in the Hugging Face layout: a folder with {@code config.json},
 * {@code model.safetensors} and, if it has its own, {@code vocab.json} and {@code merges.txt}; or a
 * single {@code .safetensors} file (then the bundled vocabulary, and the head count from a
 * {@code config.json} beside it or from the width). Tensor names may carry the {@code transformer.}
 * prefix; the {@code attn.bias}/{@code attn.masked_bias} buffers are checked and skipped;
 * {@code lm_head.weight}, when present, must be the tied {@code wte.weight}. Conv1D weights are stored
 * [in, out], the x·W layout the engine uses, and {@code c_attn} holds Q, K and V side by side.
 */
public final class Gpt2Checkpoint {
    /** GPT-2's sizes: width → heads, for a file that comes without its config. */
    private static final Map<Integer, Integer> HEADS_BY_WIDTH = Map.of(768, 12, 1024, 16, 1280, 20, 1600, 25);

    private Gpt2Checkpoint() {}

    public static PretrainedModel read(Path path) {
        boolean folder = Files.isDirectory(path);
        Path weights = folder ? path.resolve("model.safetensors") : path;
        // config.json, vocab.json and merges.txt sit in the folder, or beside a lone weights file.
        Path home = folder ? path : parentOf(path);
        Path configFile = home.resolve("config.json");
        if (folder && !Files.exists(weights)) {
            throw new InvalidInputException(path + " has no model.safetensors: a GPT-2 folder in the Hugging Face layout has "
                    + "config.json, model.safetensors, vocab.json and merges.txt");
        }
        JsonNode config = Files.isRegularFile(configFile) ? TextFiles.readJson(configFile) : null;
        String where = weights.getFileName().toString();
        Map<String, NamedTensors.Tensor> named = new LinkedHashMap<>();
        Safetensors.map(weights, new Safetensors.Options(true, Gpt2Checkpoint::buffer)).forEach((name, t) -> {
            long[] dims = new long[t.shape().length];
            for (int i = 0; i < dims.length; i++) dims[i] = t.shape()[i];
            named.put(name.startsWith("transformer.") ? name.substring("transformer.".length()) : name, new NamedTensors.Tensor(dims, t.values()));
        });
        NamedTensors tensors = new NamedTensors(named, where);
        Path vocab = home.resolve("vocab.json");
        Path merges = home.resolve("merges.txt");
        ByteLevelBpeTokenizer tokenizer = Files.isRegularFile(vocab) && Files.isRegularFile(merges)
                ? Gpt2Vocabulary.read(TextFiles.read(vocab), TextFiles.read(merges), vocab.getFileName() + " and merges.txt")
                : Gpt2Vocabulary.bundled();
        Matrix wte = tensors.any("wte.weight");
        int d = wte.cols();
        float eps = config != null && config.has("layer_norm_epsilon") ? (float) config.get("layer_norm_epsilon").asDouble(1e-5) : 1e-5f;
        if (tokenizer.vocabulary().idSpan() > wte.rows()) {
            throw new InvalidInputException(where + ": the vocabulary has " + tokenizer.vocabulary().idSpan() + " pieces but wte.weight only "
                    + wte.rows() + " rows");
        }
        if (tensors.has("lm_head.weight") && !java.util.Arrays.equals(tensors.any("lm_head.weight").toArray(), wte.toArray())) {
            throw new InvalidInputException(where + ": lm_head.weight differs from wte.weight; only GPT-2's tied head is supported");
        }
        Matrix wpe = tensors.matrix("wpe.weight", -1, d);
        List<Block> blocks = new ArrayList<>();
        for (int l = 0; tensors.has("h." + l + ".attn.c_attn.weight"); l++) blocks.add(block(tensors, l, d, eps));
        if (blocks.isEmpty()) throw new InvalidInputException(where + " has no h.0.attn.c_attn.weight: not a GPT-2 checkpoint");
        int heads = config != null && config.has("n_head") ? Json.integer(config.get("n_head"), "config.json n_head") : headsFor(d, where);
        if (heads < 1 || d % heads != 0) throw new InvalidInputException("config.json: " + heads + " heads do not divide the width " + d);
        Transformer t = new Transformer(Embedding.plain(wte), new Positions.Learned(wpe), null, null, blocks,
                tensors.norm("ln_f", d, eps), Transformer.Head.TIED_EMBEDDING);
        String name = folder ? path.getFileName().toString() : where;
        return new PretrainedModel(path.toAbsolutePath().normalize().toString(), name, t, tokenizer, heads, wpe.rows(),
                "the GPT-2 checkpoint " + name, sha256(weights));
    }

    /** The weights file's SHA-256, read in pieces (548 MB for gpt2), as hex. */
    static String sha256(Path file) {
        return java.util.HexFormat.of().formatHex(sha256Of(file).digest());
    }

    /** A SHA-256 digest that has read {@code file} and can take more (a download appending to it). */
    static java.security.MessageDigest sha256Of(Path file) {
        try (var in = Files.newInputStream(file)) {
            var digest = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) digest.update(buf, 0, n);
            return digest;
        } catch (java.io.IOException e) {
            throw new InvalidInputException(TextFiles.cannotRead(file, e));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    /** The causal-mask buffers real checkpoints carry: not weights. */
    private static boolean buffer(String name) {
        return name.endsWith(".attn.bias") || name.endsWith(".attn.masked_bias");
    }

    private static int headsFor(int d, String where) {
        Integer h = HEADS_BY_WIDTH.get(d);
        if (h == null) {
            throw new InvalidInputException(where + " has width " + d + " and no config.json beside it to say its number of heads");
        }
        return h;
    }

    private static Path parentOf(Path file) {
        Path p = file.toAbsolutePath().getParent();
        return p == null ? Path.of(".") : p;
    }

    private static Block block(NamedTensors t, int l, int d, float eps) {
        String p = "h." + l + ".";
        Matrix qkv = t.matrix(p + "attn.c_attn.weight", d, 3 * d);
        Matrix qkvBias = t.vector(p + "attn.c_attn.bias", 3 * d);
        AttentionWeights attention = new AttentionWeights(qkv.columns(0, d), qkv.columns(d, 2 * d), qkv.columns(2 * d, 3 * d),
                qkvBias.columns(0, d), qkvBias.columns(d, 2 * d), qkvBias.columns(2 * d, 3 * d),
                t.matrix(p + "attn.c_proj.weight", d, d), t.vector(p + "attn.c_proj.bias", d));
        Matrix w1 = t.matrix(p + "mlp.c_fc.weight", d, -1);
        int hidden = w1.cols();
        Mlp mlp = new Mlp(w1, t.vector(p + "mlp.c_fc.bias", hidden), t.matrix(p + "mlp.c_proj.weight", hidden, d),
                t.vector(p + "mlp.c_proj.bias", d), Gelu.Form.TANH);
        return new Block(NormPlacement.PRE, t.norm(p + "ln_1", d, eps), attention, false, t.norm(p + "ln_2", d, eps), mlp);
    }
}
