package dev.attentionlab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attentionlab.engine.model.MaskKind;
import dev.attentionlab.engine.model.Sampler;
import dev.attentionlab.engine.rng.TorchGenerator;
import dev.attentionlab.engine.trace.CellExplanation;
import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.engine.trace.TraceEngine;
import org.junit.jupiter.api.Test;

/** The view-model without a window: scheduling runs inline, so every change is computed at once. */
class SessionViewModelTest {
    final SessionViewModel vm = new SessionViewModel(Scheduling.immediate());

    @Test
    void generateStopsAfterTheTokenItIsDrawingAndKeepsWhatItDrew() {
        for (boolean gpt2 : new boolean[] {false, true}) {
            SessionViewModel vm = new SessionViewModel(Scheduling.immediate());
            if (gpt2) vm.usePretrained(dev.attentionlab.io.PretrainedModels.open("src/test/resources/fixtures-gpt2/tiny-gpt2"));
            vm.generateCount.set(10);
            int[] changes = {0};
            vm.form.text.addListener(o -> {
                if (++changes[0] == 2) vm.sampling.stopGenerating();
            });
            vm.sampling.generate();
            assertThat(vm.sampling.lastDrawProperty().get()).as(gpt2 ? "GPT-2" : "seeded").isEqualTo("stopped after 2 of 10 tokens; the sentence keeps them");
            assertThat(vm.sampling.generatingProperty().get()).isFalse();
            assertThat(vm.computingProperty().get()).isFalse();
        }
    }

    @Test
    void aGpt2CheckpointGeneratesThroughItsCacheAsTheCommandLineDoes() {
        SessionViewModel vm = new SessionViewModel(Scheduling.immediate());
        vm.form.text.set("Hello world");
        vm.usePretrained(dev.attentionlab.io.PretrainedModels.open("src/test/resources/fixtures-gpt2/tiny-gpt2"));
        vm.form.sampleSeed.set(5);
        vm.form.topK.set(40);
        vm.generateCount.set(6);
        vm.sampling.generate();
        java.io.StringWriter out = new java.io.StringWriter();
        dev.attentionlab.cli.Cli.run(new java.io.PrintWriter(out, true), new java.io.PrintWriter(new java.io.StringWriter(), true),
                "generate", "--model", "src/test/resources/fixtures-gpt2/tiny-gpt2", "--text", "Hello world", "--tokens", "6", "--seed", "5", "--top-k", "40");
        String cli = out.toString().replaceAll("\\R$", "");
        assertThat(vm.form.text.get()).isEqualTo("Hello world" + cli);
        assertThat(vm.sampling.lastDrawProperty().get()).isEqualTo("generated 6 of 6 tokens with torch.manual_seed(5) through tiny-gpt2's key/value cache");
        assertThat(vm.trace().settings().input().text()).isEqualTo(vm.form.text.get());
    }

    @Test
    void keystrokesWhileTheWorkerIsBusyAreComputedOnceAsTheLastOfThem() {
        java.util.List<Runnable> queued = new java.util.ArrayList<>();
        SessionViewModel vm = new SessionViewModel(new Scheduling(queued::add, Runnable::run));
        java.util.List<String> published = new java.util.ArrayList<>();
        vm.traceProperty().addListener((o, was, now) -> published.add(now.settings().input().text()));
        vm.form.text.set("The");
        vm.form.text.set("The cat");
        vm.form.text.set("The cat sat");
        // The worker reaches its queue only now: the first task computes the newest request, the rest find nothing.
        assertThat(queued).hasSize(4);
        queued.forEach(Runnable::run);
        assertThat(published).containsExactly("The cat sat");
        assertThat(vm.computingProperty().get()).isFalse();
    }

    @Test
    void startsWithTheNotebook() {
        Trace t = vm.trace();
        assertThat(t.settings().model().preset()).isEqualTo(Preset.NOTEBOOK);
        assertThat(t.tokenizer().ids(t.tokens())).containsExactly(0, 3, 2, 4, 5, 7, 9, 2, 8, 7);
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(vm.computingProperty().get()).isFalse();
    }

    @Test
    void invalidSettingsKeepTheLastTraceAndSayWhy() {
        vm.applyPreset(Preset.SMALL_MULTI_HEAD);
        Trace before = vm.trace();
        vm.form.dModel.set(12);
        Trace twelve = vm.trace();
        assertThat(twelve).isNotSameAs(before);
        vm.form.heads.set(8);
        assertThat(vm.errorProperty().get()).isEqualTo("8 heads do not divide d_model 12");
        assertThat(vm.trace()).isSameAs(twelve);
        vm.form.heads.set(3);
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(vm.trace().heads()).isEqualTo(3);
    }

    @Test
    void stepsMoveWithinTheList() {
        assertThat(vm.selection.stepId.get()).isEqualTo("tokenize");
        vm.selection.previousStep();
        assertThat(vm.selection.stepId.get()).isEqualTo("tokenize");
        vm.selection.nextStep();
        assertThat(vm.selection.stepId.get()).isEqualTo("embed");
        vm.selection.lastStep();
        assertThat(vm.selection.stepId.get()).isEqualTo("sample");
        vm.selection.nextStep();
        assertThat(vm.selection.stepId.get()).isEqualTo("sample");
        vm.selection.firstStep();
        assertThat(vm.selection.stepIndex()).isZero();
    }

    @Test
    void aStepThatDisappearsFallsBackToItsPosition() {
        vm.form.residualNorm.set(true);
        vm.selection.stepId.set("residual_norm");
        int index = vm.selection.stepIndex();
        vm.form.residualNorm.set(false);
        assertThat(vm.selection.stepId.get()).isEqualTo(vm.trace().stepIds().get(index));
    }

    @Test
    void maskEditorTogglesCellsIntoACustomMask() {
        vm.toggleMaskCell(2, 5);
        assertThat(vm.form.mask.get()).isEqualTo(MaskKind.CUSTOM);
        assertThat(vm.trace().head(0).weights().get(2, 5)).isZero();
        assertThat(vm.trace().head(0).weights().get(5, 2)).isNotZero();
        vm.toggleMaskCell(2, 5);
        assertThat(vm.trace().head(0).weights().get(2, 5)).isNotZero();
    }

    @Test
    void customMaskFollowsTheSentenceLength() {
        vm.toggleMaskCell(0, 1);
        vm.form.text.set("Hello World I am");
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(vm.trace().attention().mask().rows()).isEqualTo(4);
        assertThat(vm.trace().attention().mask().isMasked(0, 1)).isTrue();
        assertThat(vm.form.customMask.get().rows()).isEqualTo(4);
    }

    @Test
    void maskPresetsSetCausalPaddingAndClear() {
        vm.maskPreset(MaskKind.CAUSAL);
        assertThat(vm.trace().head(0).weights().get(0, 1)).isZero();
        vm.maskPreset(MaskKind.PADDING);
        assertThat(vm.form.padTo.get()).isEqualTo(12);
        assertThat(vm.trace().tokens()).hasSize(12);
        assertThat(vm.trace().head(0).weights().get(0, 11)).isZero();
        vm.maskPreset(MaskKind.NONE);
        assertThat(vm.trace().attention().mask().anyMasked()).isFalse();
    }

    @Test
    void sampleDrawsWhatTorchMultinomialDrawsAfterOneSeed() {
        vm.applyPreset(Preset.SMALL_MULTI_HEAD);
        vm.form.sampleSeed.set(42);
        vm.form.topK.set(3);
        TorchGenerator torch = new TorchGenerator(42);
        float[] logits = vm.trace().sampling().logits().row(0);
        for (int i = 0; i < 5; i++) {
            int expected = Sampler.sample(logits, vm.trace().settings().samplingConfig(), torch).sample();
            assertThat(vm.sampling.sample()).isEqualTo(vm.trace().vocabEntries().get(expected).text());
        }
        assertThat(vm.sampling.lastDrawProperty().get()).startsWith("draw #5 after torch.manual_seed(42)");
        vm.form.sampleSeed.set(43);
        assertThat(vm.sampling.lastDrawProperty().get()).isEmpty();
    }

    @Test
    void appendAddsTheDrawnTokenToTheSentence() {
        vm.applyPreset(Preset.SMALL_MULTI_HEAD);
        String token = vm.sampling.sample();
        String before = vm.form.text.get();
        vm.sampling.appendSample();
        assertThat(vm.form.text.get()).isEqualTo(vm.trace().tokenizer().append(before, token));
        assertThat(vm.trace().tokens().get(vm.trace().tokens().size() - 1).text()).isEqualTo(token);
    }

    @Test
    void generateAppendsNTokensLikeTheEngine() {
        vm.applyPreset(Preset.SMALL_MULTI_HEAD);
        vm.generateCount.set(3);
        var traces = TraceEngine.generate(vm.settings(), 3);
        var last = traces.get(2);
        java.util.List<String> shown = new java.util.ArrayList<>();
        vm.form.text.addListener((o, was, now) -> shown.add(now));
        vm.sampling.generate();
        assertThat(vm.form.text.get()).isEqualTo(last.tokenizer().append(last.settings().input().text(), last.sampledToken()));
        assertThat(shown).as("the sentence grows one token at a time").containsExactly(
                traces.get(1).settings().input().text(), traces.get(2).settings().input().text(), vm.form.text.get());
        assertThat(vm.sampling.lastDrawProperty().get()).startsWith("generated 3 of 3 tokens");
    }

    @Test
    void generateWithATrainedModelWritesCharacters() {
        var data = dev.attentionlab.engine.train.TrainingData.of(dev.attentionlab.io.BundledCorpus.stories(), 32);
        var model = new dev.attentionlab.engine.train.Trainer(data, dev.attentionlab.engine.model.LmSize.TINY,
                dev.attentionlab.engine.train.Trainer.Options.defaults().withSteps(100)).run((p, m) -> { });
        vm.form.text.set("Then Anna and the ");
        vm.useModel(model);
        vm.generateCount.set(6);
        vm.form.temperature.set(0.8);
        vm.form.sampleSeed.set(5);
        vm.sampling.generate();
        // The Sampling tab's Generate and the Train tab's continuation draw the same characters.
        assertThat(vm.form.text.get()).isEqualTo(dev.attentionlab.engine.trace.Continuation.of(
                vm.settings().toBuilder().text("Then Anna and the ").build(), 6).toEnd());
        assertThat(vm.trace().tokens()).hasSize(24);
    }

    @Test
    void explanationIsTheEnginesForTheSelectedCell() {
        vm.selection.selectedCell.set(CellRef.of("h1.weights", 3, 4));
        CellExplanation e = vm.selection.explanation();
        assertThat(e.value()).isEqualTo(vm.trace().head(0).weights().get(3, 4));
        // Worked out once per hover, however many heatmaps ask for it.
        assertThat(vm.selection.explanation()).isSameAs(e);
        vm.selection.selectedCell.set(CellRef.of("h1.weights", 3, 5));
        assertThat(vm.selection.explanation()).isNotSameAs(e);
        assertThat(vm.selection.explanation().value()).isEqualTo(vm.trace().head(0).weights().get(3, 5));
        vm.form.attentionTemperature.set(0.5); // new weights: worked out again, from the new trace
        assertThat(vm.selection.explanation().value()).isEqualTo(vm.trace().head(0).weights().get(3, 5));
        vm.form.text.set("Hello World");
        assertThat(vm.selection.selectedCell.get()).as("a cell outside the new 2×2 matrices is dropped").isNull();
    }

    @Test
    void applyingAPresetComputesOnce() {
        int[] count = {0};
        vm.traceProperty().addListener(o -> count[0]++);
        vm.applyPreset(Preset.SMALL_MULTI_HEAD);
        assertThat(count[0]).isEqualTo(1);
        assertThat(vm.trace().heads()).isEqualTo(4);
    }

    @Test
    void displayZoomStaysInItsRangeAndClassroomEnlarges() {
        DisplaySettings d = new DisplaySettings();
        for (int i = 0; i < 50; i++) d.zoomIn();
        assertThat(d.zoom.get()).isEqualTo(DisplaySettings.MAX_ZOOM);
        for (int i = 0; i < 50; i++) d.zoomOut();
        assertThat(d.zoom.get()).isEqualTo(DisplaySettings.MIN_ZOOM);
        d.classroom.set(true);
        assertThat(d.zoom.get()).isEqualTo(DisplaySettings.CLASSROOM_ZOOM);
        assertThat(d.highContrast.get()).isTrue();
        assertThat(d.cellSize(10, 10, 1000)).isEqualTo(40 * 1.5);
    }
}
