package dev.attentionlab.ui;

import dev.attentionlab.engine.model.MaskFill;
import dev.attentionlab.engine.model.MaskKind;
import dev.attentionlab.engine.model.PretrainedModel;
import dev.attentionlab.engine.model.ScaleMode;
import dev.attentionlab.engine.model.TrainedModel;
import dev.attentionlab.engine.tensor.MaskMatrix;
import dev.attentionlab.engine.tokenize.TokenizerKind;
import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.Setting;
import dev.attentionlab.engine.trace.SettingCatalogue;
import dev.attentionlab.engine.trace.TraceSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

/**
 * The settings as the window edits them: one property per setting, starting at the value the
 * catalogue gives it, and the way from these properties to a {@link TraceSettings} and back. The
 * session decides what a change sets off (a recompute, an undo step); this class only holds values.
 */
public final class SettingsForm {
    private final List<Link<?>> links = new ArrayList<>();

    public final StringProperty text = link(SettingCatalogue.TEXT, new SimpleStringProperty());
    /** Keys and values come from this sentence (cross-attention); null = self-attention. */
    public final ObjectProperty<String> sourceText = link(SettingCatalogue.SOURCE_TEXT, new SimpleObjectProperty<>());
    public final ObjectProperty<TokenizerKind> tokenizer = link(SettingCatalogue.TOKENIZER, new SimpleObjectProperty<>());
    public final IntegerProperty bpeMerges = whole(SettingCatalogue.BPE_MERGES);
    public final LongProperty seed = seed(SettingCatalogue.SEED);
    public final IntegerProperty vocabSize = whole(SettingCatalogue.VOCAB_SIZE);
    public final IntegerProperty dModel = whole(SettingCatalogue.D_MODEL);
    public final IntegerProperty heads = whole(SettingCatalogue.HEADS);
    public final IntegerProperty dk = whole(SettingCatalogue.D_K);
    public final IntegerProperty dv = whole(SettingCatalogue.D_V);
    /**
     * nn.Embedding's padding_idx, max_norm and norm_type: the window has no controls for them, but a
     * lesson or the CLI may set them, and they must survive opening and saving in the window.
     */
    public final IntegerProperty paddingIdx = whole(SettingCatalogue.PADDING_IDX);
    public final DoubleProperty maxNorm = real(SettingCatalogue.MAX_NORM);
    public final DoubleProperty normType = real(SettingCatalogue.NORM_TYPE);
    public final BooleanProperty positional = flag(SettingCatalogue.POSITIONAL);
    public final ObjectProperty<MaskKind> mask = link(SettingCatalogue.MASK, new SimpleObjectProperty<>());
    public final IntegerProperty padTo = whole(SettingCatalogue.PAD_TO);
    public final ObjectProperty<MaskFill> fill = link(SettingCatalogue.FILL, new SimpleObjectProperty<>());
    public final ObjectProperty<ScaleMode> scale = link(SettingCatalogue.SCALE, new SimpleObjectProperty<>());
    public final DoubleProperty attentionTemperature = real(SettingCatalogue.ATTENTION_TEMPERATURE);
    public final BooleanProperty residualNorm = flag(SettingCatalogue.RESIDUAL_NORM);
    public final DoubleProperty temperature = real(SettingCatalogue.TEMPERATURE);
    public final IntegerProperty topK = whole(SettingCatalogue.TOP_K);
    public final DoubleProperty topP = real(SettingCatalogue.TOP_P);
    public final LongProperty sampleSeed = seed(SettingCatalogue.SAMPLE_SEED);

    // ---- what is not chosen by value: the source, a drawn mask, a corpus ------------------------
    public final ObjectProperty<Preset> preset = new SimpleObjectProperty<>(Preset.NOTEBOOK);
    public final ObjectProperty<MaskMatrix> customMask = new SimpleObjectProperty<>();
    /** The text BPE learns its merges from; null = the sentence itself. */
    public final ObjectProperty<String> bpeCorpus = new SimpleObjectProperty<>();
    /** A trained language model every view runs the text through; null = the preset's seeded weights. */
    public final ObjectProperty<TrainedModel> model = new SimpleObjectProperty<>();
    /** A published model (MiniLM, GPT-2) every view runs the text through; null = seeded or trained weights. */
    public final ObjectProperty<PretrainedModel> pretrained = new SimpleObjectProperty<>();
    /** Which of the model's blocks the attention steps show, from 0. */
    public final IntegerProperty modelBlock = new SimpleIntegerProperty(0);

    /**
     * Whose weights fix the shapes, seed, positions and padding: a pretrained model's name, "the trained
     * model", or null while the weights are drawn from the settings. Every control that then rests says so.
     */
    public final StringBinding fixedBy = Bindings.createStringBinding(
            () -> pretrained.get() != null ? pretrained.get().name() : model.get() != null ? "the trained model" : null, pretrained, model);

    /** The settings these properties hold; the session adds the weights and inputs it imported. */
    public TraceSettings.Builder builder() {
        TraceSettings.Builder b = TraceSettings.builder();
        for (Link<?> l : links) l.copyTo(b);
        return b.preset(preset.get()).customMask(customMask.get()).bpeCorpus(bpeCorpus.get()).trained(model.get())
                .modelBlock(modelBlock.get()).pretrained(pretrained.get());
    }

    /** Sets every property from {@code s}; the caller batches the changes. */
    public void set(TraceSettings s) {
        for (Link<?> l : links) l.copyFrom(s);
        preset.set(s.model().preset());
        customMask.set(s.attention().customMask());
        bpeCorpus.set(s.input().bpeCorpus());
        model.set(s.model().trained());
        pretrained.set(s.model().pretrained());
        modelBlock.set(s.model().modelBlock());
    }

    /** Every property but the text, whose edits the session follows on their own. */
    public List<ObservableValue<?>> choices() {
        List<ObservableValue<?>> all = new ArrayList<>();
        for (Link<?> l : links) if (l.property() != text) all.add(l.property());
        all.addAll(List.of(preset, customMask, bpeCorpus, model, pretrained, modelBlock));
        return all;
    }

    /** A property and the setting it holds. */
    private record Link<T>(Setting<T> setting, ObservableValue<?> property, Supplier<T> read, Consumer<T> write) {
        void copyTo(TraceSettings.Builder b) {
            setting.put(b, read.get());
        }

        void copyFrom(TraceSettings s) {
            write.accept(setting.of(s));
        }
    }

    private <T, P extends ObjectProperty<T>> P link(Setting<T> s, P p) {
        p.set(s.defaultValue());
        links.add(new Link<>(s, p, p::get, p::set));
        return p;
    }

    private StringProperty link(Setting<String> s, StringProperty p) {
        p.set(s.defaultValue());
        links.add(new Link<>(s, p, p::get, p::set));
        return p;
    }

    private IntegerProperty whole(Setting<Integer> s) {
        IntegerProperty p = new SimpleIntegerProperty(s.defaultValue());
        links.add(new Link<>(s, p, p::get, p::set));
        return p;
    }

    private LongProperty seed(Setting<Long> s) {
        LongProperty p = new SimpleLongProperty(s.defaultValue());
        links.add(new Link<>(s, p, p::get, p::set));
        return p;
    }

    private DoubleProperty real(Setting<Double> s) {
        DoubleProperty p = new SimpleDoubleProperty(s.defaultValue());
        links.add(new Link<>(s, p, p::get, p::set));
        return p;
    }

    private BooleanProperty flag(Setting<Boolean> s) {
        BooleanProperty p = new SimpleBooleanProperty(s.defaultValue());
        links.add(new Link<>(s, p, p::get, p::set));
        return p;
    }
}
