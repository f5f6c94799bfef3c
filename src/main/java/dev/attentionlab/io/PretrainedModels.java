package dev.attentionlab.io;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.PretrainedModel;
import dev.attentionlab.engine.model.Transformer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleConsumer;

/**
 * The pretrained models that ship inside the app, read from the classpath the first time one is
 * asked for (nothing of them is read at start-up) and kept for the rest of the session.
 */
public final class PretrainedModels {
    /** One bundled model: its name, its files on the classpath, and what its files do not say. */
    public record Entry(String key, String name, String onnx, String tokenizer, int heads, float eps, String provenance) {}

    public static final Entry MINILM = new Entry("all-minilm-l6-v2", "all-MiniLM-L6-v2", "/all-minilm-l6-v2.onnx",
            "/all-minilm-l6-v2-tokenizer.json", 12, 1e-12f, "sentence-transformers all-MiniLM-L6-v2 (Apache-2.0)");

    private static final List<Entry> ALL = List.of(MINILM);
    private static final Map<String, PretrainedModel> LOADED = new ConcurrentHashMap<>();

    private PretrainedModels() {}

    public static List<Entry> all() {
        return ALL;
    }

    public static Entry entry(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (Entry e : ALL) if (e.key().equals(k)) return e;
        throw new InvalidInputException("unknown model '" + key + "' (the bundled one is " + MINILM.key() + ")");
    }

    /** Whether {@code key} names a bundled model (else it is a GPT-2 checkpoint's path). */
    public static boolean isBundled(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return ALL.stream().anyMatch(e -> e.key().equals(k));
    }

    /**
     * A bundled model by its key, or a GPT-2 checkpoint (a Hugging Face folder or a .safetensors file)
     * by its path; each is read once and kept for the session.
     */
    public static PretrainedModel open(String keyOrPath) {
        return open(keyOrPath, null);
    }

    /**
     * As {@link #open(String)}; a checkpoint a lesson refers to must still be there and have the
     * {@code sha256} the lesson saved (null: any). Either failure is a {@link CheckpointNotFound},
     * which the window answers by offering to locate the file ({@link #relocate}).
     */
    public static PretrainedModel open(String keyOrPath, String sha256) {
        if (isBundled(keyOrPath)) return load(keyOrPath);
        java.nio.file.Path path = java.nio.file.Path.of(RELOCATED.getOrDefault(keyOrPath, keyOrPath)).toAbsolutePath().normalize();
        if (!java.nio.file.Files.exists(path)) {
            if (sha256 != null) {
                throw new CheckpointNotFound(keyOrPath, "the GPT-2 checkpoint " + keyOrPath + " that this lesson uses is missing");
            }
            throw new InvalidInputException("unknown model '" + keyOrPath + "': give " + MINILM.key()
                    + " (bundled), or a GPT-2 folder or .safetensors file that exists");
        }
        PretrainedModel m;
        synchronized (PretrainedModels.class) {
            m = LOADED.computeIfAbsent(path.toString(), k -> Gpt2Checkpoint.read(path));
        }
        if (sha256 != null && !sha256.equalsIgnoreCase(m.sha256())) {
            throw new CheckpointNotFound(keyOrPath, "the GPT-2 checkpoint at " + path + " is not the one this lesson was saved with "
                    + "(its weights' SHA-256 differs)");
        }
        return m;
    }

    /** Checkpoints the user located again, by the path a lesson gave: kept for the session. */
    private static final Map<String, String> RELOCATED = new ConcurrentHashMap<>();

    /** From now on, a lesson's {@code saved} checkpoint path is read from {@code located}. */
    public static void relocate(String saved, java.nio.file.Path located) {
        RELOCATED.put(saved, located.toAbsolutePath().normalize().toString());
    }

    /** A lesson's checkpoint is missing or changed; {@link #savedPath} is the path the lesson gives. */
    public static final class CheckpointNotFound extends InvalidInputException {
        private final String savedPath;

        CheckpointNotFound(String savedPath, String message) {
            super(message);
            this.savedPath = savedPath;
        }

        public String savedPath() {
            return savedPath;
        }
    }

    public static boolean isLoaded(String key) {
        return LOADED.containsKey(entry(key).key());
    }

    public static PretrainedModel load(String key) {
        return load(key, p -> { });
    }

    /** The model, read on first use; {@code progress} hears the fraction read, from 0 to 1. */
    public static PretrainedModel load(String key, DoubleConsumer progress) {
        Entry e = entry(key);
        PretrainedModel m = LOADED.get(e.key());
        if (m != null) {
            progress.accept(1);
            return m;
        }
        synchronized (PretrainedModels.class) {
            m = LOADED.computeIfAbsent(e.key(), k -> read(e, progress));
        }
        progress.accept(1);
        return m;
    }

    private static PretrainedModel read(Entry e, DoubleConsumer progress) {
        String tokenizerJson = new String(resource(e.tokenizer()), StandardCharsets.UTF_8);
        var tokenizer = WordPieceJson.read(tokenizerJson, e.name() + " tokenizer.json");
        URL url = PretrainedModels.class.getResource(e.onnx());
        if (url == null) throw missing(e.onnx());
        Transformer t;
        try {
            URLConnection c = url.openConnection();
            long total = c.getContentLengthLong();
            try (InputStream in = new Counting(c.getInputStream(), total, progress)) {
                t = BertWeights.build(OnnxInitializers.read(in, e.name()), e.name(), e.eps());
            }
        } catch (IOException ex) {
            throw new InvalidInputException("could not read " + e.name() + ": " + ex.getMessage());
        }
        if (tokenizer.vocabulary().idSpan() > t.embedding().weight().rows()) {
            throw new InvalidInputException(e.name() + ": the tokenizer has " + tokenizer.vocabulary().idSpan()
                    + " ids but the embedding only " + t.embedding().weight().rows() + " rows");
        }
        int positions = ((dev.attentionlab.engine.model.Positions.Learned) t.positions()).weight().rows();
        return new PretrainedModel(e.key(), e.name(), t, tokenizer, e.heads(), positions, e.provenance(), null);
    }

    private static byte[] resource(String path) {
        try (InputStream in = PretrainedModels.class.getResourceAsStream(path)) {
            if (in == null) throw missing(path);
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new InvalidInputException("could not read " + path + ": " + ex.getMessage());
        }
    }

    private static InvalidInputException missing(String path) {
        return new InvalidInputException(path.substring(1) + " is not on the classpath: this build lacks the bundled model");
    }

    /** Reports how much of a stream of known length has been read. */
    private static final class Counting extends FilterInputStream {
        private final long total;
        private final DoubleConsumer progress;
        private long read;
        private long reported;

        Counting(InputStream in, long total, DoubleConsumer progress) {
            super(in);
            this.total = total;
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) advance(1);
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) advance(n);
            return n;
        }

        private void advance(long n) {
            read += n;
            if (total > 0 && read - reported > total / 100) {
                reported = read;
                progress.accept(Math.min(0.99, (double) read / total));
            }
        }
    }
}
