package dev.attentionlab.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.tokenize.Token;
import dev.attentionlab.engine.tokenize.Tokenizer;
import dev.attentionlab.engine.tokenize.TokenizerKind;
import dev.attentionlab.io.Json;
import dev.attentionlab.io.LessonFile;
import dev.attentionlab.io.Safetensors;
import dev.attentionlab.io.WeightsImport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Generated hostile inputs for the tokenizers, the JSON readers and the safetensors reader: each ends
 * in a correct result or the app's own clear refusal, never another exception, never a value read
 * from outside a tensor's data.
 */
class HostilePropertiesTest {

    /** Runs {@code reader}; only a result or an {@link InvalidInputException} with a message is allowed. */
    static <T> T resultOrRefusal(java.util.concurrent.Callable<T> reader) {
        try {
            return reader.call();
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("Exception");
            return null;
        } catch (Exception e) {
            throw new AssertionError("not the app's refusal: " + e, e);
        }
    }

    // ---- tokenizers ------------------------------------------------------------------------

    @Provide
    Arbitrary<String> hostileText() {
        Arbitrary<String> anyChars = Arbitraries.strings().all().ofMaxLength(300);
        Arbitrary<String> surrogates = Arbitraries.strings().withCharRange('\uD800', '\uDFFF').withChars(' ', 'a').ofMaxLength(40);
        Arbitrary<String> spacey = Arbitraries.strings().withChars(' ', '\t', '\n', '\r', '\u00A0', '\u2028', 'x', '.').ofMaxLength(60);
        Arbitrary<String> words = Arbitraries.strings().withCharRange('a', 'e').withChars(' ', ',', '\'').ofMaxLength(200);
        return Arbitraries.oneOf(anyChars, surrogates, spacey, words);
    }

    @Property(tries = 400)
    void everyTokenizerGivesSpansInsideTheTextOrRefuses(@ForAll("hostileText") String text, @ForAll @IntRange(min = 0, max = 60) int merges) {
        for (TokenizerKind kind : TokenizerKind.values()) {
            Tokenizer t = resultOrRefusal(() -> kind.fit(text, merges, null));
            if (t == null) continue;
            List<Token> tokens = resultOrRefusal(() -> t.encode(text));
            if (tokens == null) continue;
            int previousStart = 0;
            for (Token tok : tokens) {
                assertThat(tok.start()).as(kind + " " + tok).isBetween(previousStart, text.length());
                assertThat(tok.end()).as(kind + " " + tok).isBetween(tok.start(), text.length());
                assertThat(tok.id()).as(kind + " " + tok).isBetween(0, t.vocabulary().idSpan() - 1);
                previousStart = tok.start();
            }
        }
    }

    // ---- JSON readers ----------------------------------------------------------------------

    static final String LESSON = "{\"format\": \"attentionlab-lesson\", \"version\": 1, \"title\": \"t\", \"step\": \"softmax\", "
            + "\"sentences\": [\"a b\"], \"settings\": {\"preset\": \"custom\", \"text\": \"Hello World I am\", \"d_model\": 4, \"heads\": 2, \"d_k\": 1, \"d_v\": 1, "
            + "\"mask\": \"causal\", \"temperature\": 0.5, \"top_k\": 2, \"weights\": {\"W_q\": [[1, 0], [0, 1], [1, 1], [0, 0]], "
            + "\"W_k\": [[1, 0], [0, 1], [1, 1], [0, 0]], \"W_v\": [[1, 0], [0, 1], [1, 1], [0, 0]]}}}";

    static final String JSONISH = "{}[]\":,.-+0123456789eE truefalsenullNaNInfinity\\u\n";

    /** A valid lesson with characters deleted, inserted or replaced, and random JSON-ish text. */
    @Provide
    Arbitrary<String> brokenJson() {
        Arbitrary<String> noise = Arbitraries.strings().withChars(JSONISH.toCharArray()).ofMaxLength(200);
        Arbitrary<String> mutated = Combinators.combine(
                        Arbitraries.integers().between(0, LESSON.length() - 1).list().ofMinSize(1).ofMaxSize(6),
                        Arbitraries.strings().withChars(JSONISH.toCharArray()).ofMaxLength(6),
                        Arbitraries.integers().between(0, 2))
                .as((at, insert, how) -> {
                    StringBuilder b = new StringBuilder(LESSON);
                    for (int i : at) {
                        int p = Math.min(i, b.length() - 1);
                        if (how == 0) b.deleteCharAt(p);
                        else if (how == 1) b.insert(p, insert);
                        else b.replace(p, Math.min(b.length(), p + insert.length()), insert);
                    }
                    return b.toString();
                });
        Arbitrary<String> deep = Arbitraries.integers().between(1, 3000).map(n -> "[".repeat(n) + "]".repeat(n));
        // One value replaced by another of any type: mostly still JSON, so the field checks are what answer.
        Arbitrary<String> retyped = Combinators.combine(Arbitraries.of("\"Hello World I am\"", "4", "2", "1", "0.5", "\"causal\"", "\"custom\"", "[[1, 0], [0, 1], [1, 1], [0, 0]]", "\"softmax\""),
                        Arbitraries.of("-1", "0", "1", "3", "2147483648", "1e400", "\"\"", "\"x\"", "null", "true", "[]", "{}", "[[1]]", "\"NaN\"", "\"\\udc00\""))
                .as((from, to) -> LESSON.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, Arbitraries.just(LESSON)), net.jqwik.api.Tuple.of(3, noise),
                net.jqwik.api.Tuple.of(4, mutated), net.jqwik.api.Tuple.of(6, retyped), net.jqwik.api.Tuple.of(1, deep));
    }

    @Property(tries = 600)
    void lessonsAndWeightsFromBrokenJsonAreReadOrRefused(@ForAll("brokenJson") String text) {
        Statistics.collect(resultOrRefusal(() -> LessonFile.parse(text, "l.json")) == null ? "refused" : "read");
        resultOrRefusal(() -> WeightsImport.read(Json.parse(text, "w.json"), "w.json"));
        var settings = resultOrRefusal(() -> Json.parse(text, "s.json"));
        if (settings != null) resultOrRefusal(() -> dev.attentionlab.io.SettingsJson.read(settings.path("settings"), "s.json"));
    }

    // ---- safetensors -----------------------------------------------------------------------

    /** What every byte of the data section holds; any other value came from outside a tensor. */
    static final float MARK = 0.5f;

    record Layout(String header, int dataFloats) {}

    /** One tensor's header entry, as numbers a hostile file may hold. */
    record Entry(String dtype, List<Long> shape, long begin, long end) {
        String json() {
            return "{\"dtype\": \"" + dtype + "\", \"shape\": " + shape + ", \"data_offsets\": [" + begin + ", " + end + "]}";
        }
    }

    static final List<Long> EDGES = List.of(-1L, -4L, 0L, 4L, 1L << 31, 1L << 32, (1L << 62) + 4, Long.MAX_VALUE - 3, Long.MAX_VALUE,
            Long.MIN_VALUE, (long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE);

    /**
     * 1–3 F32 tensors laid back to back over data filled with MARK, in any order; then, most of the
     * time, one thing broken: an offset or a size set to an edge value, another dtype, a shifted end, more
     * or less data.
     */
    @Provide
    Arbitrary<Layout> layouts() {
        Arbitrary<List<List<Long>>> shapes = Arbitraries.longs().between(0, 4).list().ofMinSize(1).ofMaxSize(2).list().ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(shapes, Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 2),
                        Arbitraries.of(EDGES), Arbitraries.integers().between(-3, 3), Arbitraries.of("F16", "BF16", "I64", "f32"), Arbitraries.randoms())
                .as((shapeList, breakWhat, which, edge, shift, dtype, random) -> {
                    List<Entry> entries = new java.util.ArrayList<>();
                    long offset = 0;
                    for (List<Long> shape : shapeList) {
                        long n = 4;
                        for (long d : shape) n *= d;
                        entries.add(new Entry("F32", new java.util.ArrayList<>(shape), offset, offset + n));
                        offset += n;
                    }
                    int data = (int) (offset / 4);
                    int k = Math.min(which, entries.size() - 1);
                    Entry e = entries.get(k);
                    switch (breakWhat) {
                        case 1 -> entries.set(k, new Entry(e.dtype(), e.shape(), edge, e.end()));
                        case 2 -> entries.set(k, new Entry(e.dtype(), e.shape(), e.begin(), edge));
                        case 3 -> {
                            List<Long> s = new java.util.ArrayList<>(e.shape());
                            s.set(0, edge);
                            entries.set(k, new Entry(e.dtype(), s, e.begin(), e.end()));
                        }
                        case 4 -> entries.set(k, new Entry(dtype, e.shape(), e.begin(), e.end()));
                        case 5 -> entries.set(k, new Entry(e.dtype(), e.shape(), e.begin() + 4L * shift, e.end() + 4L * shift));
                        case 6 -> data = Math.max(0, data + shift);
                        default -> { }
                    }
                    java.util.Collections.shuffle(entries, random);
                    StringBuilder b = new StringBuilder("{");
                    for (int i = 0; i < entries.size(); i++) b.append(i == 0 ? "" : ", ").append("\"t").append(i).append("\": ").append(entries.get(i).json());
                    return new Layout(b.append("}").toString(), data);
                });
    }

    static byte[] file(Layout l) {
        byte[] h = l.header().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + 4 * l.dataFloats()).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        for (int i = 0; i < l.dataFloats(); i++) b.putFloat(MARK);
        return b.array();
    }

    /** Enough valid files are among them for the value check to mean something. */
    @Property(tries = 1500)
    @StatisticsReport(onFailureOnly = false)
    void safetensorsNeverReadOutsideTheData(@ForAll("layouts") Layout l) {
        byte[] bytes = file(l);
        Map<String, Safetensors.Tensor> tensors = resultOrRefusal(() -> Safetensors.parse(bytes, "f.safetensors"));
        Statistics.collect(tensors == null ? "refused" : "read");
        if (tensors == null) return;
        long total = 0;
        for (Safetensors.Tensor t : tensors.values()) {
            for (float v : t.values().toArray()) assertThat(v).isEqualTo(MARK);
            total += 4L * t.values().rows() * t.values().cols();
        }
        assertThat(total).as("the tensors tile the data section").isEqualTo(4L * l.dataFloats());
    }

    @Property(tries = 800)
    void randomBytesAreNeverMistakenForTensors(@ForAll byte[] bytes) {
        resultOrRefusal(() -> Safetensors.parse(bytes, "f.safetensors"));
    }
}
