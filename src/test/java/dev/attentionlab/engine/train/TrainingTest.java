package dev.attentionlab.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.attentionlab.engine.model.HeadResult;
import dev.attentionlab.engine.model.LanguageModel;
import dev.attentionlab.engine.model.LmParameters;
import dev.attentionlab.engine.model.LmSize;
import dev.attentionlab.engine.model.LmWeights;
import dev.attentionlab.engine.model.SamplingConfig;
import dev.attentionlab.engine.model.TrainedModel;
import dev.attentionlab.engine.trace.Continuation;
import dev.attentionlab.engine.trace.HeadPattern;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.engine.trace.TraceEngine;
import dev.attentionlab.engine.trace.TraceSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A short seeded run on the bundled structured corpus, and the trained model in a trace. */
class TrainingTest {
    static String corpus;
    static TrainedModel model;
    static List<TrainingPoint> points = new ArrayList<>();

    @BeforeAll
    static void train() throws IOException {
        corpus = Files.readString(Path.of("src/main/resources/dev/attentionlab/corpus/stories.txt"));
        Trainer t = new Trainer(TrainingData.of(corpus, LmSize.TINY.config(2).context()), LmSize.TINY,
                Trainer.Options.defaults().withSteps(300));
        model = t.run((p, snapshot) -> points.add(p));
    }

    @Test
    void threeHundredSeededStepsTakeValidationLossFromUniformToBelow1_8() {
        int vocab = model.alphabet().size();
        assertThat(points.get(0).step()).isZero();
        assertThat(points.get(0).valLoss()).as("untrained ≈ ln(vocab)").isCloseTo(Math.log(vocab), within(0.05));
        TrainingPoint last = points.get(points.size() - 1);
        assertThat(last.step()).isEqualTo(300);
        assertThat(last.valLoss()).isLessThan(1.8);
        assertThat(points).extracting(TrainingPoint::step).containsExactly(0, 50, 100, 150, 200, 250, 300);
        assertThat(model.step()).isEqualTo(300);
    }

    @Test
    void theSameSeedGivesTheSameRunAndAnotherSeedAnother() {
        TrainingData data = TrainingData.of(corpus, LmSize.TINY.config(2).context());
        Trainer a = new Trainer(data, LmSize.TINY, Trainer.Options.defaults().withSteps(3));
        Trainer b = new Trainer(data, LmSize.TINY, Trainer.Options.defaults().withSteps(3));
        Trainer c = new Trainer(data, LmSize.TINY, Trainer.Options.defaults().withSteps(3).withSeed(2));
        for (int i = 0; i < 3; i++) {
            double la = a.trainStep();
            assertThat(b.trainStep()).isEqualTo(la);
            assertThat(c.trainStep()).isNotEqualTo(la);
        }
        assertThat(a.model().weights().tokEmb()).isEqualTo(b.model().weights().tokEmb());
    }

    @Test
    void stoppingEarlyEvaluatesWhereItStopped() {
        TrainingData data = TrainingData.of(corpus, LmSize.TINY.config(2).context());
        List<Integer> steps = new ArrayList<>();
        int[] calls = {0};
        new Trainer(data, LmSize.TINY, Trainer.Options.defaults().withSteps(100)).run(new Trainer.Listener() {
            @Override
            public void evaluated(TrainingPoint point, TrainedModel snapshot) {
                steps.add(point.step());
                assertThat(snapshot.step()).isEqualTo(point.step());
            }

            @Override
            public boolean proceed() {
                return calls[0]++ < 7;
            }
        });
        assertThat(steps).containsExactly(0, 7);
    }

    @Test
    void aTextTooShortOrEmptyIsRefusedWithTheNumbers() {
        assertThatThrownBy(() -> TrainingData.of("abcabc", 32)).hasMessageContaining("has 6 characters")
                .hasMessageContaining("at least 330");
        assertThatThrownBy(() -> TrainingData.of("   ", 32)).hasMessage("the training text is empty");
    }

    @Test
    void aTraceThroughTheModelShowsItsNumbers() {
        String text = "Anna and the nurse went";
        Trace t = TraceEngine.compute(TraceSettings.builder().text(text).adoptModel(model).build());
        int[] ids = model.encode(text);
        LanguageModel.Pass pass = LanguageModel.forward(model.weights(), ids);
        assertThat(t.heads()).isEqualTo(2);
        assertThat(t.head(1).weights()).isEqualTo(pass.pass().blocks().get(0).attention().heads().get(1).weights());
        assertThat(t.sampling().logits().row(0)).containsExactly(LanguageModel.nextLogits(model.weights(), ids, ids.length));
        assertThat(t.vocabEntries()).hasSize(model.alphabet().size());
        assertThat(t.matrix("PE")).isEqualTo(model.weights().posEmb().rowRange(0, ids.length));
        assertThat(t.step("position").formula()).startsWith("x = X + P");
        assertThat(t.step("ln1").formula()).startsWith("X_in = LN₁(x)");
        assertThat(t.stepIds()).containsSubsequence("output", "residual", "ln2", "mlp", "mlp_out", "final_norm", "logits");
        assertThat(t.step("logits").formula()).contains("after 1 block");
        assertThat(t.explain("X_in", 2, 3).arithmetic()).contains("γ·x̂ + β");
        assertThat(t.explain("logits", 0, 5).arithmetic()).contains("LN_f(x)·E[5]");
        // future positions stay hidden, as in training
        assertThat(t.head(0).weights().get(0, 1)).isZero();
    }

    @Test
    void aLongTextIsCutToTheContextAndUnknownCharactersAreNamed() {
        String text = "a".repeat(40) + " went home";
        Trace t = TraceEngine.compute(TraceSettings.builder().text(text).adoptModel(model).build());
        assertThat(t.tokens()).hasSize(32);
        assertThat(t.notes()).anyMatch(n -> n.contains("first 18 are left out"));
        assertThatThrownBy(() -> TraceEngine.compute(TraceSettings.builder().text("naïve").adoptModel(model).build()))
                .hasMessage("'ï' is not in the character vocabulary of the trained model (the 73 characters of its corpus)");
    }

    /** Mean weight each query (after the first) puts on the character just before it. */
    private static double previousTokenWeight(HeadResult h) {
        double sum = 0;
        for (int i = 1; i < h.weights().rows(); i++) sum += h.weights().get(i, i - 1);
        return sum / (h.weights().rows() - 1);
    }

    @Test
    void trainingTurnsUniformHeadsIntoPreviousCharacterHeads() {
        String text = "Sam gave the key to Ida, and Ida";
        int[] ids = model.encode(text);
        // Uniform causal attention would give query i a weight of 1/(i+1) on its predecessor.
        double uniform = 0;
        for (int i = 1; i < ids.length; i++) uniform += 1.0 / (i + 1);
        uniform /= ids.length - 1;
        LmWeights untrained = LmParameters.init(model.config(), Trainer.Options.defaults().seed()).weights();
        for (HeadResult h : LanguageModel.forward(untrained, ids).pass().blocks().get(0).attention().heads()) {
            assertThat(previousTokenWeight(h)).as("untrained head %d", h.index() + 1).isCloseTo(uniform, within(0.02));
        }
        double best = LanguageModel.forward(model.weights(), ids).pass().blocks().get(0).attention().heads().stream()
                .mapToDouble(TrainingTest::previousTokenWeight).max().orElseThrow();
        assertThat(best).as("after 300 steps one head looks back one character").isGreaterThan(2.5 * uniform);
        Trace t = TraceEngine.compute(TraceSettings.builder().text(text).adoptModel(model).build());
        assertThat(java.util.stream.IntStream.range(0, t.heads()).mapToObj(h -> HeadPattern.of(t.head(h).weights(), t.tokens()).kind()))
                .contains(HeadPattern.Kind.PREVIOUS);
    }

    @Test
    void continuationsVaryMoreAsTheTemperatureRises() {
        java.util.Map<Double, Integer> distinct = new java.util.TreeMap<>();
        for (double t : new double[] {0.0, 0.5, 1.5}) {
            java.util.Set<String> texts = new java.util.HashSet<>();
            for (long seed = 0; seed < 8; seed++) texts.add(continued("Then Anna and ", 24, new SamplingConfig(t, 0, 1.0, seed)));
            distinct.put(t, texts.size());
        }
        assertThat(distinct.get(0.0)).as("greedy ignores the seed").isEqualTo(1);
        assertThat(distinct.get(1.5)).isEqualTo(8);
        assertThat(distinct.get(0.5)).isBetween(distinct.get(0.0), distinct.get(1.5));
    }

    @Test
    void generationContinuesThePromptAndIsSeeded() {
        String a = continued("Anna and the ", 40, new SamplingConfig(0.8, 0, 1.0, 4));
        assertThat(a).startsWith("Anna and the ").hasSize(13 + 40);
        assertThat(continued("Anna and the ", 40, new SamplingConfig(0.8, 0, 1.0, 4))).isEqualTo(a);
        String greedy = continued("Then Anna and the nurse went ho", 3, new SamplingConfig(0, 0, 1.0, 0));
        assertThat(greedy).isEqualTo("Then Anna and the nurse went home.");
    }

    @Test
    void continuingThroughTheModelDrawsWhatOneTracePerTokenDraws() {
        TraceSettings s = TraceSettings.builder().text("Anna and the ").temperature(0.8).topK(12).sampleSeed(4).adoptModel(model).build();
        List<Trace> traces = TraceEngine.generate(s, 40);
        Trace last = traces.get(traces.size() - 1);
        String traced = last.tokenizer().append(last.settings().input().text(), last.sampledToken());
        assertThat(Continuation.of(s, 40)).isInstanceOf(Continuation.Trained.class);
        assertThat(Continuation.of(s, 40).toEnd()).isEqualTo(traced).hasSize(13 + 40);
    }

    /** {@code prompt} continued by the trained model, as the Train tab's "Continue" does it. */
    static String continued(String prompt, int count, SamplingConfig cfg) {
        TraceSettings s = TraceSettings.builder().text(prompt).temperature(cfg.temperature()).topK(cfg.topK()).topP(cfg.topP())
                .sampleSeed(cfg.seed()).adoptModel(model).build();
        return Continuation.of(s, count).toEnd();
    }
}
