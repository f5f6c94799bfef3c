package dev.attentionlab.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.attentionlab.cli.Cli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile files and extreme settings against the CLI and the readers the window's File menu shares
 * with it. Surefire runs this class in its own JVM at -Xmx512m (see pom.xml): every case must end in
 * exit 0 (a valid input) or exit 2 with one line on stderr, within 10 s, with no stack trace, no
 * "internal error" and no OutOfMemoryError.
 */
class HostileInputsTest {
    static Path dir;
    static Path out;

    /** Refused with a message containing {@code message}; {@code OK} for inputs that are valid. */
    record Case(String name, List<String> args, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String OK = null;
    /** Valid or refused, as this heap allows: either way a clear answer. */
    static final String EITHER = "\0either";

    @BeforeAll
    static void files() throws IOException {
        dir = Files.createTempDirectory("attentionlab-hostile");
        out = dir.resolve("out");
    }

    @AfterAll
    static void clean() throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    record Run(int code, String out, String err) {}

    static Run run(List<String> args) {
        Head o = new Head();
        StringWriter e = new StringWriter();
        int code = Cli.run(new PrintWriter(o, true), new PrintWriter(e, true), args.toArray(String[]::new));
        return new Run(code, o.toString(), e.toString());
    }

    /** Keeps the first 64 KB of what a command prints: a big trace is hundreds of MB, which this 512 MB JVM need not hold. */
    static final class Head extends java.io.Writer {
        private final StringBuilder kept = new StringBuilder();

        @Override
        public void write(char[] buf, int off, int len) {
            kept.append(buf, off, Math.max(0, Math.min(len, 65_536 - kept.length())));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        @Override
        public String toString() {
            return kept.toString();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void endsInAClearAnswer(Case c) {
        Run r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> run(c.args()), c.name() + " took over 10 s");
        assertThat(r.err()).as(c.name()).doesNotContain("internal error").doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("out of memory");
        if (c.message() == EITHER) {
            assertThat(r.code()).as(c.name() + ": " + r.err()).isIn(0, Cli.USER_ERROR);
            if (r.code() != 0) assertThat(r.err().strip().split("\n")).as(c.name()).hasSize(1);
            return;
        }
        if (c.message() == OK) {
            assertThat(r.code()).as(c.name() + ": " + r.err()).isZero();
            return;
        }
        assertThat(r.code()).as(c.name() + ": " + r.err()).isEqualTo(Cli.USER_ERROR);
        assertThat(r.err()).as(c.name()).startsWith("attentionlab: ").contains(c.message());
        if (!c.args().get(0).equals("replay")) assertThat(r.err().strip().split("\n")).as(c.name()).hasSize(1);
    }

    static Stream<Case> cases() throws IOException {
        if (dir == null) files();
        List<Case> all = new ArrayList<>();
        // First, while this JVM's 512 MB heap is fresh: MiniLM's load holds its 90 MB of weights and,
        // while parsing, as much again; late in the run, after 300 other cases, one such load ran out.
        pretrained(all);
        lessons(all);
        lessonFields(all);
        models(all);
        weightsJson(all);
        safetensors(all);
        checkpoints(all);
        nonFiles(all);
        corpora(all);
        fixtures(all);
        extremes(all);
        outputs(all);
        return all.stream();
    }

    // ---- lesson files ----------------------------------------------------------------------

    static final String GOOD_SETTINGS = "{\"preset\": \"notebook\", \"text\": \"Hello World I am\"}";

    static String lesson(String settings) {
        return "{\"format\": \"attentionlab-lesson\", \"version\": 1, \"settings\": " + settings + "}";
    }

    static List<String> openLesson(Path f) {
        return List.of("export", "--lesson", f.toString(), "--what", "matrix:h1.weights", "--format", "csv", "--out", out.toString());
    }

    static Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    static Path write(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    static void lessonCase(List<Case> all, String name, String text, String message) throws IOException {
        all.add(new Case("lesson: " + name, openLesson(write("lesson-" + all.size() + ".json", text)), message));
    }

    static void lessons(List<Case> all) throws IOException {
        lessonCase(all, "valid", lesson(GOOD_SETTINGS), OK);
        all.add(new Case("lesson: valid with a UTF-8 byte-order mark",
                openLesson(write("bom.json", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, lesson(GOOD_SETTINGS).getBytes(StandardCharsets.UTF_8)))), OK));
        lessonCase(all, "empty file", "", "is not an AttentionLab lesson");
        lessonCase(all, "only spaces", "   \n\t ", "is not an AttentionLab lesson");
        lessonCase(all, "null", "null", "is not an AttentionLab lesson");
        lessonCase(all, "an array", "[]", "is not an AttentionLab lesson");
        lessonCase(all, "a number", "42", "is not an AttentionLab lesson");
        lessonCase(all, "a string", "\"lesson\"", "is not an AttentionLab lesson");
        lessonCase(all, "truncated", lesson(GOOD_SETTINGS).substring(0, 40), "is not valid JSON");
        lessonCase(all, "nested 100,000 arrays deep", "[".repeat(100_000) + "]".repeat(100_000), "nesting depth");
        lessonCase(all, "nested 5,000 objects deep", "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000), "nesting depth");
        lessonCase(all, "settings nested 70 deep", lesson("{\"text\": " + "[".repeat(70) + "]".repeat(70) + "}"), "nesting depth");
        lessonCase(all, "a 5,000-digit seed", lesson("{\"seed\": " + "9".repeat(5_000) + "}"), "Number value length");
        lessonCase(all, "a 5,000-digit d_model", lesson("{\"d_model\": " + "1".repeat(5_000) + "}"), "Number value length");
        lessonCase(all, "a 2,000-digit fraction", lesson("{\"temperature\": 0." + "1".repeat(2_000) + "}"), "Number value length");
        lessonCase(all, "an exponent of 400", lesson("{\"temperature\": 1e400}"), "temperature must be finite");
        lessonCase(all, "a 20 MB title", "{\"format\": \"attentionlab-lesson\", \"version\": 1, \"title\": \"" + "t".repeat(20_000_000)
                + "\", \"settings\": " + GOOD_SETTINGS + "}", OK);
        lessonCase(all, "a 20 MB text", lesson("{\"text\": \"" + "word ".repeat(4_000_000) + "\"}"), "characters; the limit is 100000");
        lessonCase(all, "a key 20,000 characters long", lesson("{\"" + "k".repeat(20_000) + "\": 1}"), "Name length");
        lessonCase(all, "duplicate keys", "{\"format\": \"attentionlab-lesson\", \"version\": 1, \"version\": 2, \"settings\": {}}", "Duplicate field 'version'");
        lessonCase(all, "trailing content", lesson(GOOD_SETTINGS) + " {\"more\": 1}", "is not valid JSON");
        lessonCase(all, "trailing garbage", lesson(GOOD_SETTINGS) + " ]]]", "is not valid JSON");
        lessonCase(all, "another format", "{\"format\": \"something-else\", \"version\": 1, \"settings\": {}}", "its format is 'something-else'");
        lessonCase(all, "format is a number", "{\"format\": 7, \"version\": 1, \"settings\": {}}", "is not an AttentionLab lesson");
        lessonCase(all, "no version", "{\"format\": \"attentionlab-lesson\", \"settings\": {}}", "missing field 'version'");
        lessonCase(all, "version as text", "{\"format\": \"attentionlab-lesson\", \"version\": \"1\", \"settings\": {}}", "version: expected an integer");
        lessonCase(all, "version 99", "{\"format\": \"attentionlab-lesson\", \"version\": 99, \"settings\": {}}", "newer AttentionLab");
        lessonCase(all, "version -1", "{\"format\": \"attentionlab-lesson\", \"version\": -1, \"settings\": {}}", "does not exist");
        lessonCase(all, "version 2^63", "{\"format\": \"attentionlab-lesson\", \"version\": 9223372036854775808, \"settings\": {}}", "expected an integer");
        lessonCase(all, "version 1.5", "{\"format\": \"attentionlab-lesson\", \"version\": 1.5, \"settings\": {}}", "expected an integer");
        lessonCase(all, "no settings", "{\"format\": \"attentionlab-lesson\", \"version\": 1}", "missing field 'settings'");
        lessonCase(all, "settings is text", lesson("\"notebook\""), "expected an object of settings");
        lessonCase(all, "settings is an array", lesson("[1, 2]"), "expected an object of settings");
        lessonCase(all, "model is a string", lesson("{\"model\": \"tiny\"}"), "model: expected an object");
        lessonCase(all, "model is an empty object", lesson("{\"model\": {}}"), "missing field 'safetensors_base64'");
        lessonCase(all, "model base64 is a number", lesson("{\"model\": {\"safetensors_base64\": 5}}"), "expected text");
        lessonCase(all, "model base64 is not base64", lesson("{\"model\": {\"safetensors_base64\": \"***\"}}"), "is not valid base64");
        lessonCase(all, "model base64 of garbage", lesson("{\"model\": {\"safetensors_base64\": \"AAAAAAAAAAAAAAAA\"}}"), "is not a safetensors file");
        lessonCase(all, "model block -1", lesson("{\"model\": {\"safetensors_base64\": \"" + trainedModelBase64() + "\", \"block\": -1}}"), "blocks 1…");
        lessonCase(all, "weights is a number", lesson("{\"weights\": 5}"), "weights: expected an object of tensors");
        lessonCase(all, "weights is text", lesson("{\"weights\": \"W\"}"), "weights: expected an object of tensors");
        lessonCase(all, "weights is an empty object", lesson("{\"weights\": {}}"), "no tensors");
        lessonCase(all, "weights W_q is text", lesson("{\"weights\": {\"W_q\": \"x\", \"W_k\": [[1]], \"W_v\": [[1]]}}"), "expected a 2-D array");
        lessonCase(all, "weights W_q without W_k", lesson("{\"weights\": {\"W_q\": [[1]]}}"), "missing field 'W_k'");
        lessonCase(all, "weights ragged", lesson("{\"weights\": {\"W_q\": [[1, 2], [3]], \"W_k\": [[1]], \"W_v\": [[1]]}}"), "row 1 has 1 values");
        lessonCase(all, "weights with NaN", lesson("{\"weights\": {\"W_q\": [[\"NaN\"]], \"W_k\": [[1]], \"W_v\": [[1]]}}"), "is NaN");
        lessonCase(all, "weights compact base64 broken", lesson("{\"weights\": {\"safetensors_base64\": \"%%%\"}}"), "is not valid base64");
        lessonCase(all, "input_x ragged", lesson("{\"input_x\": [[1, 2, 3], [1]]}"), "row 1 has 1 values");
        lessonCase(all, "input_x of Infinity", lesson("{\"input_x\": [[\"Infinity\", 1, 2]]}"), "is Infinity");
        lessonCase(all, "custom_mask of numbers", lesson("{\"mask\": \"custom\", \"custom_mask\": [[1, 0]]}"), "expected true or false");
        lessonCase(all, "custom_mask of the wrong shape", lesson("{\"mask\": \"custom\", \"custom_mask\": [[true, false]]}"), "the custom mask is 1×2");
        lessonCase(all, "custom mask missing", lesson("{\"mask\": \"custom\"}"), "the custom mask is empty");
        lessonCase(all, "unknown mask", lesson("{\"mask\": \"zebra\"}"), "'zebra' is not one of");
        lessonCase(all, "unknown preset", lesson("{\"preset\": \"gpt-9\"}"), "gpt-9");
        lessonCase(all, "unknown tokenizer", lesson("{\"tokenizer\": \"sentencepiece\"}"), "sentencepiece");
        lessonCase(all, "fill is a number", lesson("{\"fill\": 3}"), "expected text");
        lessonCase(all, "positional is text", lesson("{\"positional\": \"yes\"}"), "expected true or false");
        lessonCase(all, "text with a lone surrogate", lesson("{\"text\": \"Hello \\udc00 World\"}"), OK);
        lessonCase(all, "text is empty", lesson("{\"text\": \"\"}"), "the text is empty");
        lessonCase(all, "source text is empty", lesson("{\"text\": \"Hello\", \"source_text\": \"\"}"), "source text for cross-attention is empty");
        lessonCase(all, "unknown step", "{\"format\": \"attentionlab-lesson\", \"version\": 1, \"step\": \"teleport\", \"settings\": " + GOOD_SETTINGS + "}",
                "'teleport' is not a step");
        lessonCase(all, "sentences is text", "{\"format\": \"attentionlab-lesson\", \"version\": 1, \"sentences\": \"x\", \"settings\": " + GOOD_SETTINGS + "}",
                "expected a list of sentences");
    }

    /** Every numeric setting with each value a hostile file might hold. */
    static void lessonFields(List<Case> all) throws IOException {
        String[] fields = {"d_model", "heads", "d_k", "d_v", "vocab_size", "pad_to", "top_k", "bpe_merges", "padding_idx"};
        String[] values = {"-1", "0", "-2147483648", "2147483647", "1e3", "\"3\"", "null", "[]", "{}", "3.5"};
        for (String f : fields) {
            for (String v : values) {
                String settings = "{\"preset\": \"custom\", \"text\": \"a b c\", \"" + f + "\": " + v + "}";
                all.add(new Case("lesson: " + f + " = " + v, openLesson(write("field-" + all.size() + ".json", lesson(settings))), fieldMessage(f, v)));
            }
        }
    }

    /** What a field/value pair must say; the few combinations that are valid settings say OK. */
    static String fieldMessage(String field, String v) {
        boolean integral = v.equals("-1") || v.equals("0") || v.equals("-2147483648") || v.equals("2147483647");
        if (!integral) return field + ": expected an integer";
        return switch (field + "=" + v) {
            case "vocab_size=0", "pad_to=0", "top_k=0", "bpe_merges=0", "padding_idx=-1", "bpe_merges=2147483647", "padding_idx=0" -> OK;
            case "d_model=-1", "d_model=0", "d_model=-2147483648" -> "d_model must be at least 1";
            case "d_model=2147483647" -> "is over the limit of 1024";
            case "heads=-1", "heads=0", "heads=-2147483648" -> "heads must be at least 1";
            case "heads=2147483647" -> "over the limit of 64";
            case "d_k=-1", "d_k=0", "d_k=-2147483648" -> "d_k must be at least 1";
            case "d_k=2147483647" -> "d_k = 2147483647 is over the limit";
            case "d_v=-1", "d_v=0", "d_v=-2147483648" -> "d_v must be at least 1";
            case "d_v=2147483647" -> "d_v = 2147483647 is over the limit";
            case "vocab_size=-1", "vocab_size=-2147483648" -> "vocabulary size must be ≥ 0";
            case "vocab_size=2147483647" -> "vocabulary size = 2147483647 is over the limit of 1000000";
            case "pad_to=-1", "pad_to=-2147483648" -> "pad-to must be ≥ 0";
            case "pad_to=2147483647" -> "pad-to = 2147483647 is over the limit of 512";
            case "top_k=-1", "top_k=-2147483648" -> "top-k must be ≥ 0";
            case "top_k=2147483647" -> OK;
            case "bpe_merges=-1", "bpe_merges=-2147483648" -> "BPE merges must be ≥ 0";
            case "padding_idx=-2147483648", "padding_idx=2147483647" -> "padding_idx";
            default -> throw new IllegalStateException(field + "=" + v);
        };
    }

    // ---- trained models inside lessons ------------------------------------------------------

    /** The tiny model with one metadata entry replaced (the tensors unchanged). */
    static String modelWith(String key, String value) throws IOException {
        byte[] bytes = java.util.Base64.getDecoder().decode(trainedModelBase64());
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        var header = (com.fasterxml.jackson.databind.node.ObjectNode) dev.attentionlab.io.Json.MAPPER.readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
        var meta = (com.fasterxml.jackson.databind.node.ObjectNode) header.get("__metadata__");
        if (value == null) meta.remove(key);
        else meta.put(key, value);
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        byte[] data = Arrays.copyOfRange(bytes, 8 + (int) n, bytes.length);
        byte[] out = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h).put(data).array();
        return java.util.Base64.getEncoder().encodeToString(out);
    }

    static void modelCase(List<Case> all, String name, String key, String value, String message) throws IOException {
        lessonCase(all, "model " + name, lesson("{\"model\": {\"safetensors_base64\": \"" + modelWith(key, value) + "\"}}"), message);
    }

    static void models(List<Case> all) throws IOException {
        modelCase(all, "unchanged", "step", "1", OK);
        modelCase(all, "without a format", "format", null, "is not an AttentionLab language model");
        modelCase(all, "of version 9", "version", "9", "model format version 9");
        modelCase(all, "step not a number", "step", "many", "is not a whole number");
        modelCase(all, "config not JSON", "config", "{heads:", "is not valid JSON");
        modelCase(all, "config an array", "config", "[1, 2]", "missing field 'vocab'");
        modelCase(all, "heads 0", "config", "{\"vocab\": 73, \"d_model\": 32, \"heads\": 0, \"layers\": 1, \"context\": 32}", "0 heads do not divide");
        modelCase(all, "d_model MIN", "config", "{\"vocab\": 73, \"d_model\": -2147483648, \"heads\": 2, \"layers\": 1, \"context\": 32}", "d_model must be 2…512");
        modelCase(all, "layers 10^6", "config", "{\"vocab\": 73, \"d_model\": 32, \"heads\": 2, \"layers\": 1000000, \"context\": 32}", "layers must be 1…8");
        modelCase(all, "context 10^9", "config", "{\"vocab\": 73, \"d_model\": 32, \"heads\": 2, \"layers\": 1, \"context\": 1000000000}", "context must be 2…512");
        modelCase(all, "a shape the tensors do not have", "config", "{\"vocab\": 73, \"d_model\": 64, \"heads\": 2, \"layers\": 1, \"context\": 32}", "but the model needs");
        modelCase(all, "alphabet not a list", "alphabet", "\"abc\"", "the alphabet is not a list of characters");
        modelCase(all, "alphabet too short", "alphabet", "[\"a\", \"b\"]", "the model has 73 token rows but 2 characters");
        modelCase(all, "alphabet of numbers", "alphabet", "[" + "1, ".repeat(72) + "1]", "alphabet must be single characters in code-point order");
    }

    // ---- weights files ---------------------------------------------------------------------

    static void weightsCase(List<Case> all, String name, String json, String message) throws IOException {
        all.add(new Case("weights: " + name, List.of("trace", "--weights", write("weights-" + all.size() + ".json", json).toString()), message));
    }

    static final String QKV = "\"W_q\": [[1, 0], [0, 1]], \"W_k\": [[1, 0], [0, 1]], \"W_v\": [[1, 0], [0, 1]]";

    static void weightsJson(List<Case> all) throws IOException {
        weightsCase(all, "valid", "{" + QKV + "}", OK);
        weightsCase(all, "num_heads 0", "{" + QKV + ", \"num_heads\": 0}", "num_heads: 0 is outside 1…64");
        weightsCase(all, "num_heads -3", "{" + QKV + ", \"num_heads\": -3}", "num_heads: -3 is outside");
        weightsCase(all, "num_heads MIN", "{" + QKV + ", \"num_heads\": -2147483648}", "is outside 1…64");
        weightsCase(all, "num_heads 3 (does not divide)", "{" + QKV + ", \"num_heads\": 3}", "3 heads do not divide");
        weightsCase(all, "num_heads text", "{" + QKV + ", \"num_heads\": \"2\"}", "expected an integer");
        weightsCase(all, "nested 10,000 deep", "{\"W_q\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}", "nesting depth");
        weightsCase(all, "a 3,000-digit weight", "{\"W_q\": [[1" + "0".repeat(3_000) + "]], \"W_k\": [[1]], \"W_v\": [[1]]}", "Number value length");
        weightsCase(all, "a weight of 1e39 (over float32)", "{\"W_q\": [[1e39]], \"W_k\": [[1]], \"W_v\": [[1]]}", "is Infinity");
        weightsCase(all, "an empty W_q", "{\"W_q\": [], \"W_k\": [[1]], \"W_v\": [[1]]}", "expected a 2-D array");
        weightsCase(all, "W_q of empty rows", "{\"W_q\": [[]], \"W_k\": [[]], \"W_v\": [[]]}", "at least 1");
        weightsCase(all, "batch of two x", "{" + QKV + ", \"x\": [[[1, 2]], [[3, 4]]]}", "holds a batch of 2 sequences");
        weightsCase(all, "x of the wrong width", "{" + QKV + ", \"x\": [[1, 2, 3]]}", "x has 3 columns");
        weightsCase(all, "key_padding_mask of numbers", "{" + QKV + ", \"key_padding_mask\": [1, 0]}", "expected true or false");
        weightsCase(all, "in_proj without out_proj", "{\"in_proj_weight\": [[1], [1], [1]]}", "without out_proj.weight");
        weightsCase(all, "embedding of the wrong width", "{" + QKV + ", \"weight\": [[1, 2, 3]]}", "embedding weight is 1×3");
        weightsCase(all, "duplicate W_q", "{\"W_q\": [[1]], \"W_q\": [[2]], \"W_k\": [[1]], \"W_v\": [[1]]}", "Duplicate field 'W_q'");
        weightsCase(all, "a JSON array", "[[1, 2]]", "expected a JSON object of tensors");
        weightsCase(all, "nothing useful", "{\"bias\": [1]}", "no weights found");
    }

    // ---- safetensors -----------------------------------------------------------------------

    /** An 8-byte length, the header, then {@code data}. */
    static byte[] safetensors(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h).put(data).array();
    }

    static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) b.putFloat(f);
        return b.array();
    }

    static String tensor(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\": {\"dtype\": \"" + dtype + "\", \"shape\": " + shape + ", \"data_offsets\": [" + begin + ", " + end + "]}";
    }

    static final String QKV_ST = tensor("W_q", "F32", "[1, 1]", 0, 4) + ", " + tensor("W_k", "F32", "[1, 1]", 4, 8) + ", "
            + tensor("W_v", "F32", "[1, 1]", 8, 12);

    static void stCase(List<Case> all, String name, byte[] bytes, String message) throws IOException {
        all.add(new Case("safetensors: " + name, List.of("trace", "--weights", write("st-" + all.size() + ".safetensors", bytes).toString()), message));
    }

    /** The same file given as a GPT-2 checkpoint: read by memory mapping, with half precision and buffers allowed. */
    static void checkpoint(List<Case> all, String name, byte[] bytes, String message) throws IOException {
        all.add(new Case("checkpoint: " + name, List.of("trace", "--model", write("ckpt-" + all.size() + ".safetensors", bytes).toString()), message));
    }

    static void checkpoints(List<Case> all) throws IOException {
        checkpoint(all, "not safetensors", "hello, I am text".getBytes(java.nio.charset.StandardCharsets.UTF_8), "not a safetensors file");
        checkpoint(all, "offset past the end", safetensors("{" + tensor("wte.weight", "F32", "[1, 1]", 0, 400) + "}", floats(0.5f)),
                "lies outside the data section");
        checkpoint(all, "overlapping tensors", safetensors("{" + tensor("wte.weight", "F32", "[1, 1]", 0, 4) + ", "
                + tensor("wpe.weight", "F32", "[1, 1]", 0, 4) + "}", floats(0.5f)), "overlap");
        checkpoint(all, "a shape that overflows", safetensors("{" + tensor("h.0.attn.bias", "F32", "[2147483647, 2147483647, 2147483647]", 0, 4) + "}",
                floats(1)), "too large to exist");
        checkpoint(all, "an unknown dtype", safetensors("{" + tensor("wte.weight", "Q4", "[1, 1]", 0, 1) + "}", new byte[1]), "only F32 (float32), F16 and BF16");
        checkpoint(all, "only an embedding", safetensors("{" + tensor("wte.weight", "F16", "[50257, 1]", 0, 100_514) + "}", new byte[100_514]),
                "has no tensor wpe.weight");
        checkpoint(all, "a vocabulary too small", safetensors("{" + tensor("wte.weight", "BF16", "[3, 1]", 0, 6) + "}", new byte[6]),
                "the vocabulary has 50257 pieces but wte.weight only 3 rows");
        all.add(new Case("checkpoint: a folder without weights", List.of("trace", "--model", dir.toString()), "has no model.safetensors"));
        all.add(new Case("checkpoint: a path that does not exist", List.of("trace", "--model", dir.resolve("nothing-here").toString()),
                "unknown model"));
    }

    static void safetensors(List<Case> all) throws IOException {
        byte[] three = floats(0.5f, 0.25f, 2f);
        stCase(all, "valid", safetensors("{" + QKV_ST + "}", three), OK);
        stCase(all, "empty file", new byte[0], "shorter than its 8-byte header length");
        stCase(all, "seven bytes", new byte[7], "shorter than its 8-byte header length");
        stCase(all, "header length 0", new byte[8], "header length 0");
        stCase(all, "header length -1", ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1).array(), "header length -1");
        stCase(all, "header length 2^62", ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 62).array(), "does not fit");
        stCase(all, "header not JSON", safetensors("not json at all", three), "header is not valid JSON");
        stCase(all, "header an array", safetensors("[1, 2, 3]", three), "the header is not a JSON object");
        stCase(all, "header nested deep", safetensors("{\"a\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}", three), "nesting depth");
        stCase(all, "tensor described by a number", safetensors("{\"W_q\": 5}", three), "is not described by an object");
        stCase(all, "dtype F16", safetensors("{" + tensor("W_q", "F16", "[1, 1]", 0, 2) + "}", new byte[2]), "only F32");
        stCase(all, "dtype a number", safetensors("{\"W_q\": {\"dtype\": 32, \"shape\": [1], \"data_offsets\": [0, 4]}}", floats(1)), "dtype must be text");
        stCase(all, "no dtype", safetensors("{\"W_q\": {\"shape\": [1], \"data_offsets\": [0, 4]}}", floats(1)), "missing field 'dtype'");
        stCase(all, "shape text", safetensors("{\"W_q\": {\"dtype\": \"F32\", \"shape\": \"1x1\", \"data_offsets\": [0, 4]}}", floats(1)), "shape must be a list");
        stCase(all, "shape negative", safetensors("{" + tensor("W_q", "F32", "[-1, 1]", 0, 4) + "}", floats(1)), "sizes cannot be negative");
        stCase(all, "shape MIN_VALUE", safetensors("{" + tensor("W_q", "F32", "[-2147483648, -2147483648]", 0, 4) + "}", floats(1)), "sizes cannot be negative");
        stCase(all, "shape over int", safetensors("{" + tensor("W_q", "F32", "[4294967296, 1]", 0, 4) + "}", floats(1)), "expected an integer");
        stCase(all, "shape product overflows", safetensors("{" + tensor("W_q", "F32", "[2147483647, 2147483647]", 0, 4) + "}", floats(1)), "too large to exist");
        stCase(all, "rank 3", safetensors("{" + tensor("W_q", "F32", "[1, 1, 1]", 0, 4) + "}", floats(1)), "has 3 dimensions");
        stCase(all, "rank 0", safetensors("{" + tensor("W_q", "F32", "[]", 0, 4) + "}", floats(1)), "has 0 dimensions");
        stCase(all, "offsets near 2^63", safetensors("{" + tensor("W_q", "F32", "[1, 1]", 9223372036854775800L, 9223372036854775804L) + "}", floats(0.5f)),
                "lies outside the data section");
        stCase(all, "offsets over 2^63", safetensors("{\"W_q\": {\"dtype\": \"F32\", \"shape\": [1, 1], \"data_offsets\": [18446744073709551612, 18446744073709551616]}}", floats(0.5f)),
                "data_offsets must be whole numbers");
        stCase(all, "offsets negative", safetensors("{" + tensor("W_q", "F32", "[1, 1]", -4, 0) + "}", floats(0.5f)), "data_offsets must be whole numbers");
        stCase(all, "offsets reversed", safetensors("{" + tensor("W_q", "F32", "[1, 1]", 4, 0) + "}", floats(0.5f)), "lies outside");
        stCase(all, "offsets past the end", safetensors("{" + tensor("W_q", "F32", "[1, 1]", 0, 400) + "}", floats(0.5f)), "lies outside the data section");
        stCase(all, "offsets as text", safetensors("{\"W_q\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [\"0\", \"4\"]}}", floats(1)), "whole numbers");
        stCase(all, "offsets fractional", safetensors("{\"W_q\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0.5, 4.5]}}", floats(1, 2)), "whole numbers");
        stCase(all, "three offsets", safetensors("{\"W_q\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4, 8]}}", floats(1, 2)), "[begin, end]");
        stCase(all, "size does not match the shape", safetensors("{" + tensor("W_q", "F32", "[2, 2]", 0, 4) + "}", floats(1)), "has 4 bytes but shape [2, 2] needs 16");
        stCase(all, "overlapping tensors", safetensors("{" + tensor("W_q", "F32", "[1, 1]", 0, 4) + ", " + tensor("W_k", "F32", "[1, 1]", 0, 4) + ", "
                + tensor("W_v", "F32", "[1, 1]", 4, 8) + "}", floats(1, 2)), "overlap");
        stCase(all, "half-overlapping tensors", safetensors("{" + tensor("W_q", "F32", "[2]", 0, 8) + ", " + tensor("W_k", "F32", "[2]", 4, 12) + "}",
                floats(1, 2, 3)), "overlap");
        stCase(all, "a hole between tensors", safetensors("{" + tensor("W_q", "F32", "[1, 1]", 0, 4) + ", " + tensor("W_k", "F32", "[1, 1]", 8, 12) + ", "
                + tensor("W_v", "F32", "[1, 1]", 12, 16) + "}", floats(1, 2, 3, 4)), "belong to no tensor");
        stCase(all, "trailing bytes", safetensors("{" + QKV_ST + "}", floats(0.5f, 0.25f, 2f, 9f)), "after the last tensor");
        stCase(all, "metadata a number", safetensors("{\"__metadata__\": 5, " + QKV_ST + "}", three), "__metadata__ must be an object");
        stCase(all, "duplicate tensor names", safetensors("{" + QKV_ST + ", " + tensor("W_q", "F32", "[1, 1]", 0, 4) + "}", three), "Duplicate field 'W_q'");
        stCase(all, "a NaN weight", safetensors("{" + QKV_ST + "}", floats(Float.NaN, 1, 1)), "is NaN");
        stCase(all, "header not UTF-8", safetensors(new String(new byte[] {'{', (byte) 0xC3, '}'}, StandardCharsets.ISO_8859_1), three), "not valid JSON");
        stCase(all, "only metadata", safetensors("{\"__metadata__\": {\"format\": \"pt\"}}", new byte[0]), "no weights found");
        stCase(all, "random bytes", randomBytes(4096, 7), "safetensors");
    }

    // ---- what is not a file ----------------------------------------------------------------

    static void nonFiles(List<Case> all) throws IOException {
        Path fifo = dir.resolve("fifo.json");
        try {
            new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Path folder = Files.createDirectories(dir.resolve("a-folder.json"));
        Path file = write("plain.txt", "x");
        List<Path> paths = new ArrayList<>(List.of(Path.of("/dev/zero"), Path.of("/dev/urandom"), Path.of("/dev/null"), folder,
                dir.resolve("missing.json"), file.resolve("inside.json")));
        if (Files.exists(fifo)) paths.add(fifo);
        for (Path p : paths) {
            String folderAsFixtures = "has no .json fixture files";
            String expected = p.equals(folder) ? "is a folder, not a file"
                    : p.startsWith("/dev") ? "is not a regular file"
                    : p.equals(fifo) ? "is not a regular file"
                    : p.endsWith("missing.json") ? "does not exist"
                    : "is a file, not a folder";
            all.add(new Case("not a file, as a lesson: " + p.getFileName(), openLesson(p), expected));
            all.add(new Case("not a file, as weights: " + p.getFileName(), List.of("trace", "--weights", p.toString()), expected));
            all.add(new Case("not a file, as a corpus: " + p.getFileName(),
                    List.of("train", "--corpus", p.toString(), "--steps", "1", "--out", out.resolve("m.safetensors").toString()), expected));
            all.add(new Case("not a file, as a BPE corpus: " + p.getFileName(), List.of("trace", "--tokenizer", "bpe", "--bpe-corpus", p.toString()), expected));
            all.add(new Case("not a file, as a fixture: " + p.getFileName(), List.of("replay", p.toString()), p.equals(folder) ? folderAsFixtures : expected));
        }
    }

    // ---- corpora ---------------------------------------------------------------------------

    static void corpora(List<Case> all) throws IOException {
        Path model = out.resolve("corpus-model.safetensors");
        Path big = dir.resolve("big-corpus.txt");
        try (var w = Files.newBufferedWriter(big)) {
            String line = "The cat sat on the mat and the dog sat on the log. ".repeat(20) + "\n";
            for (long n = 0; n < 17L * 1024 * 1024; n += line.length()) w.write(line);
        }
        all.add(new Case("corpus: 17 MiB", List.of("train", "--corpus", big.toString(), "--steps", "1", "--out", model.toString()),
                "texts to learn from over 16 MiB are not opened"));
        all.add(new Case("corpus: 17 MiB for BPE", List.of("trace", "--tokenizer", "bpe", "--bpe-corpus", big.toString()),
                "texts to learn from over 16 MiB are not opened"));
        all.add(new Case("corpus: not UTF-8", List.of("train", "--corpus", write("latin1.txt", randomBytes(5000, 3)).toString(), "--steps", "1",
                "--out", model.toString()), "is not UTF-8 text"));
        all.add(new Case("corpus: empty", List.of("train", "--corpus", write("empty.txt", "").toString(), "--steps", "1", "--out", model.toString()),
                "the training text is empty"));
        all.add(new Case("corpus: one character", List.of("train", "--corpus", write("one.txt", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").toString(),
                "--steps", "1", "--out", model.toString()), "at least two different characters"));
        all.add(new Case("corpus: too short", List.of("train", "--corpus", write("short.txt", "ab").toString(), "--steps", "1", "--out", model.toString()),
                "it needs at least"));
        Path corpus = write("c.txt", "The quick brown fox jumps over the lazy dog. ".repeat(400));
        all.add(new Case("corpus: --out is the corpus", List.of("train", "--corpus", corpus.toString(), "--steps", "1", "--out", corpus.toString()),
                "one of the files being read"));
        all.add(new Case("corpus: --out is the corpus by another path",
                List.of("train", "--corpus", corpus.toString(), "--steps", "1", "--out", dir.resolve("out/../c.txt").toString()), "one of the files being read"));
        all.add(new Case("corpus: with a byte-order mark", List.of("train", "--corpus",
                write("bom.txt", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Files.readAllBytes(corpus))).toString(),
                "--size", "tiny", "--steps", "1", "--out", model.toString()), OK));
    }

    // ---- fixtures --------------------------------------------------------------------------

    static void fixtureCase(List<Case> all, String name, String json, String message) throws IOException {
        all.add(new Case("fixture: " + name, List.of("replay", write("fixture-" + all.size() + ".json", json).toString()), message));
    }

    static String rng(String inputs, String expected) {
        return "{\"name\": \"h\", \"kind\": \"rng\", \"inputs\": " + inputs + ", \"expected\": " + expected + "}";
    }

    static void fixtures(List<Case> all) throws IOException {
        fixtureCase(all, "valid rand", rng("{\"seed\": 1, \"op\": \"rand\", \"shape\": [3]}", "{\"values\": []}"), OK);
        fixtureCase(all, "10^9 raw draws", rng("{\"seed\": 1, \"op\": \"mt19937_raw_uint32\"}", "{\"first_1000000000\": []}"), "asks for more than");
        fixtureCase(all, "draws 10^8 to 10^8+10", rng("{\"seed\": 1, \"op\": \"mt19937_raw_uint32\"}", "{\"draws_100000000_to_100000010\": []}"), "asks for more than");
        fixtureCase(all, "a 30-digit draw count", rng("{\"seed\": 1, \"op\": \"mt19937_raw_uint32\"}", "{\"first_" + "9".repeat(30) + "\": []}"), "asks for more than");
        fixtureCase(all, "random64 10^9", rng("{\"seed\": 1, \"op\": \"mt19937_raw_uint32\"}", "{\"random64_first_1000000000\": []}"), "asks for more than");
        fixtureCase(all, "state of 10^6", rng("{\"seed\": 1, \"op\": \"mt19937_raw_uint32\"}", "{\"state_after_seeding_first_1000000\": []}"), "asks for more than");
        fixtureCase(all, "rand 10^5 × 10^5", rng("{\"seed\": 1, \"op\": \"rand\", \"shape\": [100000, 100000]}", "{}"), "over the replay's limit");
        fixtureCase(all, "randn 10^9", rng("{\"seed\": 1, \"op\": \"randn\", \"shape\": [1000000000]}", "{}"), "over the replay's limit");
        fixtureCase(all, "rand shape overflowing long", rng("{\"seed\": 1, \"op\": \"rand\", \"shape\": [2147483647, 2147483647, 2147483647]}", "{}"), "over the replay's limit");
        fixtureCase(all, "rand shape -1", rng("{\"seed\": 1, \"op\": \"rand\", \"shape\": [-1]}", "{}"), "negative size");
        fixtureCase(all, "rand shape MIN", rng("{\"seed\": 1, \"op\": \"rand\", \"shape\": [-2147483648, 3]}", "{}"), "negative size");
        fixtureCase(all, "rand shape text", rng("{\"seed\": 1, \"op\": \"rand\", \"shape\": \"3\"}", "{}"), "expected an array of sizes");
        fixtureCase(all, "exponential n 10^9", rng("{\"seed\": 1, \"op\": \"exponential_\", \"n\": 1000000000}", "{}"), "over the replay's limit");
        fixtureCase(all, "linear 10^6 × 10^6", rng("{\"program\": [{\"op\": \"linear\", \"in\": 1000000, \"out\": 1000000}]}", "{}"), "over the replay's limit");
        fixtureCase(all, "linear negative", rng("{\"program\": [{\"op\": \"linear\", \"in\": -3, \"out\": 2}]}", "{}"), "negative size");
        fixtureCase(all, "embedding 10^9", rng("{\"program\": [{\"op\": \"embedding\", \"num\": 1000000, \"dim\": 1000}]}", "{}"), "over the replay's limit");
        fixtureCase(all, "embedding padding outside", rng("{\"program\": [{\"op\": \"embedding\", \"num\": 3, \"dim\": 2, \"padding_idx\": 7}]}", "{}"), "padding_idx is outside");
        fixtureCase(all, "mha_init 10^5", rng("{\"program\": [{\"op\": \"mha_init\", \"embed_dim\": 100000}]}", "{}"), "over the replay's limit");
        fixtureCase(all, "multinomial 10^9 samples", rng("{\"program\": [{\"op\": \"multinomial\", \"probs\": [0.5, 0.5], \"num_samples\": 1000000000, \"replacement\": true}]}", "{}"),
                "over the replay's limit");
        fixtureCase(all, "multinomial negative probabilities", rng("{\"program\": [{\"op\": \"multinomial\", \"probs\": [-1, 2]}]}", "{}"), "must be finite and >= 0");
        fixtureCase(all, "a program of a thousand big ops", rng("{\"program\": [" + String.join(",", java.util.Collections.nCopies(1000,
                "{\"op\": \"rand\", \"shape\": [500000]}")) + "]}", "{}"), "draws more than");
        fixtureCase(all, "program not an array", rng("{\"program\": {\"op\": \"rand\"}}", "{}"), "expected an array of ops");
        fixtureCase(all, "op not an object", rng("{\"program\": [5]}", "{}"), "expected an op object");
        fixtureCase(all, "unknown op", rng("{\"program\": [{\"op\": \"teleport\"}]}", "{}"), "unknown op 'teleport'");
        fixtureCase(all, "rng inputs an array", rng("[1, 2]", "{}"), "");
        fixtureCase(all, "unknown kind", "{\"name\": \"h\", \"kind\": \"quantum\", \"inputs\": {}, \"expected\": {}}", "unknown kind 'quantum'");
        fixtureCase(all, "fixture an array", "[1, 2, 3]", "a fixture is a JSON object");
        fixtureCase(all, "single head of mismatched shapes", "{\"name\": \"h\", \"kind\": \"attention_single_head\", \"inputs\": {\"X\": [[1, 2]], "
                + "\"W_q\": [[1], [1], [1]], \"W_k\": [[1]], \"W_v\": [[1]]}, \"expected\": {}}", "");
        fixtureCase(all, "mha of mismatched shapes", "{\"name\": \"h\", \"kind\": \"multi_head_attention\", \"inputs\": {\"num_heads\": 1, \"x\": [[[1, 2]]], "
                + "\"in_proj_weight\": [[1], [1], [1]], \"out_proj_weight\": [[1]]}, \"expected\": {}}", "");
        fixtureCase(all, "mha num_heads 0", "{\"name\": \"h\", \"kind\": \"multi_head_attention\", \"inputs\": {\"num_heads\": 0, \"x\": [[[1]]], "
                + "\"in_proj_weight\": [[1], [1], [1]], \"out_proj_weight\": [[1]]}, \"expected\": {}}", "heads must be at least 1");
        fixtureCase(all, "pipeline with 1-D rand", "{\"name\": \"h\", \"kind\": \"pipeline\", \"inputs\": {\"prompt\": \"a b\", \"program\": ["
                + "{\"op\": \"embedding\", \"num\": 5, \"dim\": 2}, {\"op\": \"rand\", \"shape\": [2]}, {\"op\": \"rand\", \"shape\": [2]}, "
                + "{\"op\": \"rand\", \"shape\": [2]}]}, \"expected\": {}}", "");
        fixtureCase(all, "pipeline rows past the table", "{\"name\": \"h\", \"kind\": \"pipeline\", \"inputs\": {\"prompt\": \"a b\", \"program\": ["
                + "{\"op\": \"embedding\", \"num\": 5, \"dim\": 2}, {\"op\": \"rand\", \"shape\": [2, 2]}, {\"op\": \"rand\", \"shape\": [2, 2]}, "
                + "{\"op\": \"rand\", \"shape\": [2, 2]}]}, \"expected\": {\"embedding_rows_3_to_99999999999\": []}}", "asks for more than");
        fixtureCase(all, "sampling top_k 0", "{\"name\": \"h\", \"kind\": \"sampling_distribution\", \"inputs\": {\"logits\": [1, 2], \"top_k\": 0, "
                + "\"temperatures\": [1]}, \"expected\": {}}", "top_k: 0 is outside");
        Path mixed = Files.createDirectories(dir.resolve("mixed-fixtures"));
        Files.copy(Path.of("..", "shared", "fixtures", "rng_seed123_randn_5.json"), mixed.resolve("a-good.json"));
        Files.writeString(mixed.resolve("b-bad.json"), rng("{\"seed\": 1, \"op\": \"rand\", \"shape\": [-1]}", "{}"));
        Files.copy(Path.of("..", "shared", "fixtures", "sampling_logits10_topk3.json"), mixed.resolve("c-good.json"));
        all.add(new Case("fixture: a folder with one bad among good ones", List.of("replay", mixed.toString()), "b-bad.json"));
    }

    // ---- extreme settings ------------------------------------------------------------------

    static void pretrained(List<Case> all) {
        // MiniLM's 512 positions in this 512 MB heap: the pass is refused with its figure, not run out of memory.
        String words = "word ".repeat(510).trim();
        all.add(new Case("extreme: MiniLM at 512 pieces in a 512 MB heap", List.of("trace", "--model", "all-minilm-l6-v2", "--text", words, "--compact"),
                "a trace of 512 tokens through 6 blocks would need about"));
        all.add(new Case("extreme: MiniLM at 513 pieces", List.of("trace", "--model", "all-minilm-l6-v2", "--text", words + " word"),
                "is 513 WordPiece tokens with [CLS] and [SEP]"));
        all.add(new Case("extreme: MiniLM, a 150-letter word and control characters", List.of("trace", "--model", "all-minilm-l6-v2", "--text",
                "a".repeat(150) + " \u0000\u0007 ok", "--compact"), OK));
    }

    static void extremes(List<Case> all) {
        String many = "w ".repeat(512).trim();
        all.add(new Case("extreme: notebook at d_model 1024, one head", List.of("trace", "--d-model", "1024", "--compact"), EITHER));
        all.add(new Case("extreme: d_model 1024 with 64 heads", List.of("trace", "--preset", "custom", "--d-model", "1024", "--heads", "64", "--compact"), OK));
        all.add(new Case("extreme: vocabulary 10^6 at d_model 1024", List.of("trace", "--preset", "custom", "--vocab-size", "1000000", "--d-model", "1024"), "MiB of memory"));
        all.add(new Case("extreme: vocabulary 10^6 at d_model 1", List.of("trace", "--preset", "custom", "--vocab-size", "1000000", "--d-model", "1", "--heads", "1", "--compact"), OK));
        all.add(new Case("extreme: vocabulary 2^31-1", List.of("trace", "--vocab-size", "2147483647"), "vocabulary size = 2147483647 is over the limit of 1000000"));
        all.add(new Case("extreme: negative vocabulary", List.of("trace", "--vocab-size", "-5"), "vocabulary size must be ≥ 0"));
        all.add(new Case("extreme: 64 heads of d_k 1024", List.of("trace", "--preset", "custom", "--d-model", "1024", "--heads", "64", "--dk", "1024", "--dv", "1024"),
                "heads × d_k = 64 × 1024 = 65536 is over the limit of 4096"));
        all.add(new Case("extreme: 4 heads of d_k 1024 at d_model 1024", List.of("export", "--preset", "custom", "--d-model", "1024", "--heads", "4",
                "--dk", "1024", "--dv", "1024", "--what", "matrix:h4.weights", "--format", "csv", "--out", out.toString()), EITHER));
        all.add(new Case("extreme: empty source text", List.of("trace", "--source-text", ""), "source text for cross-attention is empty"));
        all.add(new Case("extreme: blank source text", List.of("trace", "--source-text", "   "), "source text for cross-attention is empty"));
        all.add(new Case("extreme: the whole trace of 512 tokens, 2 heads, d_model 512", List.of("trace", "--preset", "custom", "--text", many,
                "--tokenizer", "first-seen", "--d-model", "512", "--heads", "2", "--compact"), OK));
        all.add(new Case("extreme: 512 tokens, 8 heads, d_model 512", List.of("export", "--preset", "custom", "--text", many, "--tokenizer", "first-seen",
                "--d-model", "512", "--heads", "8", "--what", "matrix:h8.weights", "--format", "csv", "--out", out.toString()), OK));
        all.add(new Case("extreme: pad to 512 at d_model 1024", List.of("export", "--preset", "custom", "--pad-to", "512", "--mask", "padding", "--d-model", "1024",
                "--heads", "16", "--what", "matrix:h16.weights", "--format", "csv", "--out", out.toString()), OK));
        all.add(new Case("extreme: pad to 513", List.of("trace", "--pad-to", "513"), "pad-to = 513 is over the limit of 512"));
        all.add(new Case("extreme: an unknown model", List.of("trace", "--model", "gpt-17"), "unknown model 'gpt-17'"));
        all.add(new Case("extreme: top-p 0", List.of("trace", "--top-p", "0"), "top-p must be in (0, 1]"));
        all.add(new Case("extreme: top-p NaN", List.of("trace", "--top-p", "NaN"), "top-p must be in (0, 1]"));
        all.add(new Case("extreme: temperature Infinity", List.of("trace", "--temperature", "Infinity"), "temperature must be finite"));
        all.add(new Case("extreme: attention temperature NaN", List.of("trace", "--attention-temperature", "NaN"), "temperature"));
        all.add(new Case("extreme: a 100,000-character title", List.of("export", "--what", "grid", "--title", "t".repeat(100_000), "--out", out.toString()),
                "a picture's title may have up to 500"));
        all.add(new Case("extreme: 16 heads × 512 tokens grid at scale 4", List.of("export", "--preset", "custom", "--text", many, "--tokenizer", "first-seen",
                "--d-model", "64", "--heads", "16", "--what", "grid", "--scale", "4", "--out", out.toString()), "pixels"));
        all.add(new Case("extreme: 16 heads × 512 tokens grid as SVG", List.of("export", "--preset", "custom", "--text", many, "--tokenizer", "first-seen",
                "--d-model", "64", "--heads", "16", "--what", "grid", "--format", "svg", "--out", out.toString()), "too large for SVG (up to 200,000"));
        all.add(new Case("extreme: scale 5", List.of("export", "--what", "grid", "--scale", "5", "--out", out.toString()), "--scale must be between 1 and 4"));
    }

    // ---- where output goes -----------------------------------------------------------------

    static void outputs(List<Case> all) throws IOException {
        Path lessonDir = Files.createDirectories(dir.resolve("lesson-folder"));
        Path lessonFile = lessonDir.resolve("trace.json");
        Files.writeString(lessonFile, lesson(GOOD_SETTINGS));
        all.add(new Case("output: export --what trace over the lesson itself", List.of("export", "--lesson", lessonFile.toString(), "--what", "trace", "--format",
                "json", "--out", lessonDir.toString()), "one of the files being read"));
        Path weightsDir = Files.createDirectories(dir.resolve("weights-folder"));
        Path weights = weightsDir.resolve("matrix-X.csv");
        Files.writeString(weights, "{" + QKV + "}");
        all.add(new Case("output: export over the weights file", List.of("export", "--weights", weights.toString(), "--what", "matrix:X", "--format", "csv",
                "--out", weightsDir.toString()), "one of the files being read"));
        Path file = write("a-file", "x");
        all.add(new Case("output: export into a path through a file", List.of("export", "--what", "grid", "--out", file.resolve("sub").toString()),
                "is a file, not a folder"));
        all.add(new Case("output: train into a path through a file", List.of("train", "--size", "tiny", "--steps", "1", "--out",
                file.resolve("m.safetensors").toString()), "is a file, not a folder"));
        all.add(new Case("output: train --out a folder", List.of("train", "--size", "tiny", "--steps", "1", "--out", dir.toString()), "it is a folder"));
    }

    // ---- helpers ---------------------------------------------------------------------------

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        b[0] = (byte) 0xff;
        return b;
    }

    /** A tiny trained model as a lesson's base64, made by the train command itself. */
    static String trainedModelBase64() throws IOException {
        Path m = dir.resolve("tiny.safetensors");
        if (!Files.exists(m)) {
            Run r = run(List.of("train", "--size", "tiny", "--steps", "1", "--out", m.toString()));
            if (r.code() != 0) throw new IllegalStateException(r.err());
        }
        return java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(m));
    }

}
