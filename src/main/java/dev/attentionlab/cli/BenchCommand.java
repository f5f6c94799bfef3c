package dev.attentionlab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attentionlab.engine.model.MaskKind;
import dev.attentionlab.engine.model.MultiHeadAttention;
import dev.attentionlab.engine.tensor.MaskMatrix;
import dev.attentionlab.engine.tokenize.TokenizerKind;
import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.engine.trace.TraceEngine;
import dev.attentionlab.engine.trace.TraceSettings;
import dev.attentionlab.export.Export;
import dev.attentionlab.io.Json;
import dev.attentionlab.render.ExportOptions;
import dev.attentionlab.render.Palette;
import dev.attentionlab.render.PictureWriter;
import dev.attentionlab.render.TracePictures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Times the engine and the painting on fixed sizes and prints medians with their spread. "trace" is
 * everything from text to sampled token (weights drawn from the seed included); "forward" is the
 * attention layer alone, the part PyTorch's nn.MultiheadAttention does.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure the engine, rendering and export; prints a table (or JSON with --json).")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cases", split = ",", description = "which cases (names containing these words): notebook, classroom, medium, gpt2, gpt2small, matmul, minilm, render, export, train, screen; default all")
    List<String> only = List.of();

    @Option(names = "--reps", defaultValue = "30", description = "timed repetitions per case (default: ${DEFAULT-VALUE})")
    int reps;

    @Option(names = "--warmup", defaultValue = "1.5", description = "seconds of untimed runs first, so the JIT has compiled the code (default: ${DEFAULT-VALUE})")
    double warmup;

    @Option(names = "--json", description = "print a JSON array instead of a table")
    boolean json;

    @Option(names = "--startup", paramLabel = "N", description = "also time N cold starts of the window (JVM start → first frame); "
            + "uses the display if there is one, else the headless platform")
    int startups;

    /** One measured case. */
    record Result(String name, String what, double[] ms, double flops) {
        double median() {
            return percentile(50);
        }

        double percentile(double p) {
            double[] s = ms.clone();
            Arrays.sort(s);
            double pos = p / 100 * (s.length - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(s.length - 1, lo + 1);
            return s[lo] + (s[hi] - s[lo]) * (pos - lo);
        }
    }

    /** The four sizes of the issue: words enough for L tokens with the first-seen tokenizer. */
    static TraceSettings size(int dModel, int heads, int tokens) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < tokens; i++) text.append(i == 0 ? "" : " ").append("w").append(i % 500);
        return Preset.CUSTOM.defaults().toBuilder().text(text.toString()).tokenizer(TokenizerKind.FIRST_SEEN)
                .dModel(dModel).heads(heads).dk(dModel / heads).dv(dModel / heads).mask(MaskKind.CAUSAL).positional(true).build();
    }

    static final TraceSettings NOTEBOOK = Preset.NOTEBOOK.defaults();
    static final TraceSettings CLASSROOM = size(64, 4, 32);
    static final TraceSettings MEDIUM = size(256, 8, 64);
    static final TraceSettings GPT2 = size(768, 12, 128);

    /** FLOPs of one attention forward: projections 8·L·E², scores and weighted sum 4·L²·E. */
    static double forwardFlops(TraceSettings s, Trace t) {
        double l = t.tokens().size();
        double e = s.model().dModel();
        double dq = (double) s.model().heads() * s.model().dk();
        double dv = (double) s.model().heads() * s.model().dv();
        return 2 * l * e * (2 * dq + dv) + 2 * l * dv * e + 2 * l * l * (dq + dv);
    }

    /** Allocation per trace, for the notes under the table. */
    private final List<String> allocations = new ArrayList<>();

    /**
     * Bytes the calling thread allocates for one run of {@code work} (the median of 5, after a warm-up),
     * by HotSpot's per-thread counter; the work products split over the pool's other thread are not in it.
     */
    private static long allocatedBytes(Supplier<Object> work) {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int i = 0; i < 20; i++) work.get();
        long[] bytes = new long[5];
        for (int i = 0; i < bytes.length; i++) {
            long before = threads.getThreadAllocatedBytes(id);
            work.get();
            bytes[i] = threads.getThreadAllocatedBytes(id) - before;
        }
        Arrays.sort(bytes);
        return bytes[bytes.length / 2];
    }

    /** The floats of every matrix a trace holds, in KB: what an immutable trace cannot avoid allocating. */
    private static long t0FloatsKb(TraceSettings s) {
        Trace t = TraceEngine.compute(s);
        long floats = 0;
        for (String name : t.matrices().keySet()) floats += (long) t.matrix(name).rows() * t.matrix(name).cols();
        return floats * 4 / 1024;
    }

    @Override
    public Integer call() throws Exception {
        List<Result> results = new ArrayList<>();
        for (var c : List.of(new Object[] {"notebook", NOTEBOOK}, new Object[] {"classroom", CLASSROOM},
                new Object[] {"medium", MEDIUM}, new Object[] {"gpt2", GPT2})) {
            String name = (String) c[0];
            TraceSettings s = (TraceSettings) c[1];
            if (!wanted(name)) continue;
            Trace t = TraceEngine.compute(s);
            results.add(time(name + "_trace", "full trace (tokens → sample)", () -> TraceEngine.compute(s), 0));
            allocations.add(String.format(Locale.ROOT, "%s_trace allocates %.2f MB on the calling thread (%d KB for its matrices' floats alone)",
                    name, allocatedBytes(() -> TraceEngine.compute(s)) / 1e6, t0FloatsKb(s)));
            var cfg = s.attentionConfig();
            MaskMatrix mask = t.attention().mask();
            results.add(time(name + "_forward", "attention forward (like nn.MultiheadAttention)",
                    () -> MultiHeadAttention.forward(t.input(), t.input(), t.weights(), cfg, mask), forwardFlops(s, t)));
        }
        if (wanted("matmul")) results.add(matmul());
        List<String> notes = new ArrayList<>(allocations);
        if (wanted("minilm")) miniLm(results, notes);
        if (wanted("gpt2small")) gpt2Small(results, notes);
        if (wanted("render")) {
            Trace t = TraceEngine.compute(MEDIUM);
            ExportOptions o = new ExportOptions(1, true, Palette.VIRIDIS, false, null);
            results.add(time("render_medium_heads", "paint all 8 heads of (c) off-screen", () -> PictureWriter.image(TracePictures.grid(t, o), o), 0));
            results.add(time("render_medium_recompute_and_paint", "(c) recompute + paint all heads",
                    () -> PictureWriter.image(TracePictures.grid(TraceEngine.compute(MEDIUM), o), o), 0));
        }
        if (wanted("export")) {
            Trace t = TraceEngine.compute(GPT2);
            Path dir = Files.createTempDirectory("attentionlab-bench");
            ExportOptions o = new ExportOptions(2, true, Palette.VIRIDIS, false, null);
            results.add(time("export_gpt2_grid_png_2x", "PNG of the 12-head grid at 2×",
                    () -> Export.picture(TracePictures.grid(t, o), Export.Format.PNG, o, dir.resolve("grid.png")), 0));
        }
        for (var size : dev.attentionlab.engine.model.LmSize.values()) {
            String name = "train_" + size.name().toLowerCase(java.util.Locale.ROOT) + "_step";
            if (!wanted(name)) continue;
            var data = dev.attentionlab.engine.train.TrainingData.of(dev.attentionlab.io.BundledCorpus.stories(), size.config(2).context());
            var trainer = new dev.attentionlab.engine.train.Trainer(data, size, dev.attentionlab.engine.train.Trainer.Options.defaults());
            results.add(time(name, "one training step on the bundled stories (batch 16, backward, Adam)", trainer::trainStep, 0));
        }
        if (wanted("screen")) {
            var screens = new ArrayList<dev.attentionlab.ui.Screenshots.Repaint>(List.of(dev.attentionlab.ui.Screenshots.Repaint.slider(MEDIUM)));
            boolean typing = wanted("minilm");
            if (typing) screens.add(dev.attentionlab.ui.Screenshots.Repaint.typing(miniLm(64)));
            List<double[]> ms = dev.attentionlab.ui.Screenshots.repaints(screens, 30, reps);
            results.add(new Result("render_screen_medium_slider_repaint", "(c) on screen: slider change → recomputed → frame rendered (Heads tab)", ms.get(0), 0));
            if (typing) {
                results.add(new Result("render_screen_minilm_64_typing", "MiniLM, 64 tokens on screen: a typed character → traced → frame rendered (Heads tab)",
                        ms.get(1), 0));
            }
        }
        if (startups > 0) results.addAll(startup());
        print(results);
        // With --json the output is one JSON array, so the notes go to stderr.
        var notesOut = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        for (String n : notes) notesOut.println(n);
        notesOut.flush();
        return 0;
    }

    /**
     * The matrix product alone, 128×768 · 768×768 (a GPT-2-small projection of 128 tokens), on one
     * thread: the products' split over cores runs in a pool of one, so the figure compares with one
     * core of OpenBLAS.
     */
    private Result matmul() throws Exception {
        var g = new dev.attentionlab.engine.rng.TorchGenerator(0);
        var a = dev.attentionlab.engine.tensor.Matrix.of(128, 768, g.normal(128 * 768, 0, 1));
        var b = dev.attentionlab.engine.tensor.Matrix.of(768, 768, g.normal(768 * 768, 0, 1));
        var one = new java.util.concurrent.ForkJoinPool(1);
        try {
            // The 8 × 3 tile reaches C2 only after a few seconds of calls; timed before that, it runs at a third.
            one.submit(() -> {
                long end = System.nanoTime() + 5_000_000_000L;
                while (System.nanoTime() < end) a.times(b);
            }).get();
            return one.submit(() -> time("matmul_128x768x768_1thread", "matrix product alone, one thread", () -> a.times(b), 2.0 * 128 * 768 * 768)).get();
        } finally {
            one.shutdown();
        }
    }

    /** A sentence of plain words that MiniLM's WordPiece reads as exactly {@code tokens} pieces with [CLS] and [SEP]. */
    static String miniLmText(int tokens) {
        String[] words = "the animal did not cross the street because it was too tired and the river bank was wide".split(" ");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < tokens - 2; i++) b.append(i == 0 ? "" : " ").append(words[i % words.length]);
        return b.toString();
    }

    static TraceSettings miniLm(int tokens) {
        var model = dev.attentionlab.io.PretrainedModels.load(Preset.MINILM.pretrainedKey());
        return Preset.MINILM.defaults().toBuilder().adoptPretrained(model).text(miniLmText(tokens)).build();
    }

    /**
     * MiniLM's full trace at 64 tokens beside ONNX Runtime's forward of the same ids on as many threads
     * as the engine's pool has, and what a 512-token trace costs in time and heap.
     */
    private void miniLm(List<Result> results, List<String> notes) {
        TraceSettings s = miniLm(64);
        Trace t = TraceEngine.compute(s);
        Result ours = time("minilm_64_trace", "MiniLM-L6, 64 tokens: full trace, every intermediate of 6 layers kept", () -> TraceEngine.compute(s), 0);
        results.add(ours);
        int threads = java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1;
        if (OnnxRuntimePeer.available()) {
            long[] ids = t.tokens().stream().mapToLong(dev.attentionlab.engine.tokenize.Token::id).toArray();
            try (OnnxRuntimePeer ort = OnnxRuntimePeer.open("/all-minilm-l6-v2.onnx", threads)) {
                Result peer = time("minilm_64_onnxruntime", "the same ids through ONNX Runtime on " + threads + " thread(s)", () -> ort.forward(ids), 0);
                results.add(peer);
                notes.add(String.format(Locale.ROOT, "minilm_64: AttentionLab's full trace takes %.2f× ONNX Runtime's forward (goal ≤ 1.5×)",
                        ours.median() / peer.median()));
            }
        } else {
            notes.add("minilm_64: ONNX Runtime is not on the class path, so there is no ratio; `mvn package` puts it in target/lib/, "
                    + "where target/attentionlab.jar finds it");
        }
        TraceSettings longest = miniLm(512);
        Runtime rt = Runtime.getRuntime();
        long before = usedAfterGc(rt);
        long t0 = System.nanoTime();
        Trace big = TraceEngine.compute(longest);
        double ms = (System.nanoTime() - t0) / 1e6;
        long held = usedAfterGc(rt) - before;
        notes.add(String.format(Locale.ROOT, "minilm_512: one full trace of %d tokens took %.0f ms and holds %.0f MiB of heap (max heap %.0f MiB)",
                big.tokens().size(), ms, held / 1048576.0, rt.maxMemory() / 1048576.0));
    }

    /**
     * A full-size GPT-2 small (12 blocks, 768 wide, 12 heads, 50,257 pieces, 1,024 positions) with
     * weights drawn from N(0, 0.02), as GPT-2 initialises them: timing needs its shapes, not its training.
     */
    static dev.attentionlab.engine.model.PretrainedModel randomGpt2Small() {
        int d = 768;
        var g = new dev.attentionlab.engine.rng.TorchGenerator(0);
        java.util.function.BiFunction<Integer, Integer, dev.attentionlab.engine.tensor.Matrix> draw = (r, c) ->
                dev.attentionlab.engine.tensor.Matrix.of(r, c, g.normal(r * c, 0, 0.02));
        java.util.function.IntFunction<dev.attentionlab.engine.tensor.Matrix> zeros = n -> dev.attentionlab.engine.tensor.Matrix.zeros(1, n);
        java.util.function.Supplier<dev.attentionlab.engine.model.Norm> norm = () -> new dev.attentionlab.engine.model.Norm(
                dev.attentionlab.engine.tensor.Matrix.of(1, d, filled(d, 1f)), zeros.apply(d), 1e-5f);
        List<dev.attentionlab.engine.model.Block> blocks = new ArrayList<>();
        for (int l = 0; l < 12; l++) {
            var attention = new dev.attentionlab.engine.model.AttentionWeights(draw.apply(d, d), draw.apply(d, d), draw.apply(d, d),
                    zeros.apply(d), zeros.apply(d), zeros.apply(d), draw.apply(d, d), zeros.apply(d));
            var mlp = new dev.attentionlab.engine.model.Mlp(draw.apply(d, 4 * d), zeros.apply(4 * d), draw.apply(4 * d, d), zeros.apply(d),
                    dev.attentionlab.engine.model.Gelu.Form.TANH);
            blocks.add(new dev.attentionlab.engine.model.Block(dev.attentionlab.engine.model.NormPlacement.PRE, norm.get(), attention, false, norm.get(), mlp));
        }
        var t = new dev.attentionlab.engine.model.Transformer(dev.attentionlab.engine.model.Embedding.plain(draw.apply(50_257, d)),
                new dev.attentionlab.engine.model.Positions.Learned(draw.apply(1024, d)), null, null, blocks, norm.get(),
                dev.attentionlab.engine.model.Transformer.Head.TIED_EMBEDDING);
        return new dev.attentionlab.engine.model.PretrainedModel("gpt2-random", "GPT-2 small (random weights)", t,
                dev.attentionlab.io.Gpt2Vocabulary.bundled(), 12, 1024, "random weights drawn for bench", null);
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /** GPT-2 small: the full trace of a 64-token prompt, and 32 tokens generated through the key/value cache. */
    private void gpt2Small(List<Result> results, List<String> notes) {
        var m = randomGpt2Small();
        TraceSettings s = Preset.CUSTOM.defaults().toBuilder().adoptPretrained(m).text(miniLmText(66)).build();
        Trace t = TraceEngine.compute(s);
        results.add(time("gpt2small_64_trace", "GPT-2 small (12 × 768), " + t.tokens().size() + " tokens: full trace with next-token logits",
                () -> TraceEngine.compute(s), 0));
        int[] prompt = t.tokens().stream().mapToInt(dev.attentionlab.engine.tokenize.Token::id).toArray();
        var sampling = s.samplingConfig();
        // One decoder, cleared for each run: its transposed vocabulary is made once, as a session would.
        var decoder = new dev.attentionlab.engine.model.KvCacheDecoder(m.transformer(), s.attentionConfig(), 1024);
        Result gen = time("gpt2small_generate_32", "GPT-2 small: " + prompt.length + "-token prompt, then 32 tokens through the key/value cache", () -> {
            decoder.clear();
            var draws = new dev.attentionlab.engine.rng.TorchGenerator(0);
            float[] logits = decoder.prefill(prompt);
            for (int n = 0; n < 32; n++) logits = decoder.next(dev.attentionlab.engine.model.Sampler.sample(logits, sampling, draws).sample());
            return logits;
        }, 0);
        results.add(gen);
        Result prefill = time("gpt2small_prefill_" + prompt.length, "GPT-2 small: the prompt alone through the key/value cache", () -> {
            decoder.clear();
            return decoder.prefill(prompt);
        }, 0);
        results.add(prefill);
        Runtime rt = Runtime.getRuntime();
        notes.add(String.format(Locale.ROOT, "gpt2small: %.1f generated tokens per second (goal ≥ 20); heap in use with the model loaded: %.0f MiB",
                32 / ((gen.median() - prefill.median()) / 1000), usedAfterGc(rt) / 1048576.0));
    }

    private static long usedAfterGc(Runtime rt) {
        for (int i = 0; i < 3; i++) System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Cold starts: a fresh JVM per run, each printing its own JVM-start-to-first-frame time. */
    private List<Result> startup() throws Exception {
        Path jar = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Result> out = new ArrayList<>();
        // As the README starts the jar, and as the app image's launcher starts it (with its class-data archive).
        out.add(startup("startup_first_frame", "cold start: java -jar → first frame",
                List.of(javaBin, "--add-modules", "jdk.incubator.vector", "-jar", jar.toString())));
        Path image = jar.resolveSibling("jpackage/AttentionLab/bin/AttentionLab");
        if (Files.isExecutable(image)) {
            out.add(startup("startup_app_image_first_frame", "cold start: the app image's launcher → first frame", List.of(image.toString())));
        }
        return out;
    }

    private Result startup(String name, String what, List<String> command) throws Exception {
        double[] ms = new double[startups];
        for (int i = 0; i < startups; i++) {
            List<String> args = new ArrayList<>(command);
            args.add(dev.attentionlab.ui.App.STARTUP_PROBE);
            Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor();
            var m = java.util.regex.Pattern.compile("startup_ms=(\\d+)").matcher(out);
            if (!m.find()) throw new dev.attentionlab.engine.InvalidInputException("the app did not report its start-up time: " + out.strip());
            ms[i] = Double.parseDouble(m.group(1));
        }
        return new Result(name, what, ms, 0);
    }

    private boolean wanted(String name) {
        return only.isEmpty() || only.stream().anyMatch(name::contains);
    }

    /** A sample lasts at least this long: tiny cases run several times per sample, timed together. */
    private static final double MIN_SAMPLE_MS = 2;

    private Result time(String name, String what, Supplier<Object> work, double flops) {
        Object sink = null;
        long warmEnd = System.nanoTime() + (long) (warmup * 1e9);
        int calls = 0;
        long warmStart = System.nanoTime();
        do {
            sink = work.get();
            calls++;
        } while (System.nanoTime() < warmEnd || calls < 3);
        double perCall = (System.nanoTime() - warmStart) / 1e6 / calls;
        int batch = (int) Math.max(1, Math.ceil(MIN_SAMPLE_MS / Math.max(perCall, 1e-4)));
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            for (int b = 0; b < batch; b++) sink = work.get();
            ms[i] = (System.nanoTime() - t0) / 1e6 / batch;
        }
        if (sink == null) throw new IllegalStateException("no result");
        return new Result(name, what, ms, flops);
    }

    private void print(List<Result> results) throws Exception {
        var out = spec.commandLine().getOut();
        if (json) {
            ArrayNode a = Json.MAPPER.createArrayNode();
            for (Result r : results) {
                ObjectNode o = a.addObject();
                o.put("case", r.name());
                o.put("kernel", dev.attentionlab.engine.tensor.Matrix.kernelName());
                o.put("what", r.what());
                o.put("median_ms", r.median());
                o.put("p10_ms", r.percentile(10));
                o.put("p90_ms", r.percentile(90));
                o.put("min_ms", r.percentile(0));
                o.put("samples", r.ms().length);
                if (r.flops() > 0) o.put("gflops", r.flops() / (r.median() * 1e6));
            }
            out.println(Json.MAPPER.writeValueAsString(a));
        } else {
            out.printf(Locale.ROOT, "%-36s %10s %10s %10s %9s  %s%n", "case", "median ms", "p10 ms", "p90 ms", "GFLOP/s", "what");
            for (Result r : results) {
                out.printf(Locale.ROOT, "%-36s %10.3f %10.3f %10.3f %9s  %s%n", r.name(), r.median(), r.percentile(10), r.percentile(90),
                        r.flops() > 0 ? String.format(Locale.ROOT, "%.1f", r.flops() / (r.median() * 1e6)) : "", r.what());
            }
            out.printf(Locale.ROOT, "(%d samples after %.1f s warm-up; %d cores; matrix kernel: %s)%n",
                    reps, warmup, Runtime.getRuntime().availableProcessors(), dev.attentionlab.engine.tensor.Matrix.kernelName());
        }
        out.flush();
    }
}
