package dev.attentionlab.cli;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.MaskKind;
import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.Setting;
import dev.attentionlab.engine.trace.SettingCatalogue;
import dev.attentionlab.engine.trace.TraceSettings;
import dev.attentionlab.io.BundledCorpus;
import dev.attentionlab.io.PretrainedModels;
import dev.attentionlab.io.TextFiles;
import dev.attentionlab.io.WeightsImport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The trace settings as command-line options; anything not given keeps the preset's value. The options
 * for settings chosen by value come from {@link SettingCatalogue} (see {@link Catalogued}); those
 * declared here name a model, a file or the preset the others start from.
 */
final class SettingsOptions {
    @Option(names = "--preset", description = "notebook | small-multi-head | custom | minilm (default: notebook)")
    String preset = "notebook";

    @Option(names = "--model", paramLabel = "NAME|DIR|FILE", description = "a pretrained model: all-minilm-l6-v2 (bundled), or a GPT-2 "
            + "checkpoint: a Hugging Face folder (config.json, model.safetensors, vocab.json, merges.txt) or a .safetensors file")
    String model;

    @Option(names = "--bpe-corpus", paramLabel = "bundled|FILE", description = "learn BPE merges from the bundled corpus or a UTF-8 text file instead of the sentence")
    String bpeCorpus;

    @Option(names = "--weights", paramLabel = "FILE", description = "JSON weights in the fixtures' inputs format (nn.MultiheadAttention state_dict, W_q/W_k/W_v, embedding weight, x or text)")
    Path weights;

    /** The catalogued settings given on the command line; the rest keep the preset's value. */
    private final Map<Setting<?>, Object> given = new LinkedHashMap<>();

    /** The sentence given with --text, or null. */
    String text() {
        return (String) given.get(SettingCatalogue.TEXT);
    }

    TraceSettings toSettings() {
        // --model names the bundled encoder (its preset's sentence) or a GPT-2 checkpoint (the custom preset's).
        Preset p = model == null ? Preset.fromKey(preset) : PretrainedModels.isBundled(model) ? Preset.MINILM : Preset.CUSTOM;
        TraceSettings.Builder b = p.defaults().toBuilder();
        String pretrained = model != null ? model : p.pretrainedKey();
        if (pretrained != null) {
            if (weights != null) throw new InvalidInputException("--weights does not apply to a pretrained model");
            b.adoptPretrained(PretrainedModels.open(pretrained));
        }
        if (weights != null) applyWeights(b);
        for (Map.Entry<Setting<?>, Object> e : given.entrySet()) put(b, e.getKey(), e.getValue());
        if (bpeCorpus != null) {
            b.bpeCorpus(bpeCorpus.equals(BundledCorpus.NAME) ? BundledCorpus.text() : TextFiles.readCorpus(Path.of(bpeCorpus)));
        }
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static <T> void put(TraceSettings.Builder b, Setting<T> setting, Object raw) {
        if (setting.kind() instanceof Setting.Choice<T> c) {
            T found = c.find((String) raw);
            if (found == null) {
                List<String> words = c.words();
                throw new InvalidInputException("unknown " + setting.name() + " '" + raw + "' (use "
                        + String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1) + ")");
            }
            setting.put(b, found);
        } else {
            setting.put(b, (T) raw);
        }
    }

    /** Adds an option for every catalogued setting to the command that mixes these options in as "settings". */
    static final class Catalogued implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            CommandSpec mixin = spec.mixins().get("settings");
            SettingsOptions target = (SettingsOptions) mixin.userObject();
            // Help lists the settings together: the catalogue's follow the mixin's, and the command's
            // options declared after the mixin (and help) come after them.
            List<OptionSpec> all = spec.options();
            int lastOfMixin = 0;
            for (int i = 0; i < all.size(); i++) if (mixin.options().contains(all.get(i))) lastOfMixin = i;
            List<OptionSpec> after = new java.util.ArrayList<>(all.subList(lastOfMixin + 1, all.size()));
            after.forEach(spec::remove);
            for (Setting<?> setting : SettingCatalogue.ALL) {
                if (setting.option() != null) spec.addOption(option(setting, target.given));
            }
            after.forEach(spec::addOption);
            return spec;
        }

        private static OptionSpec option(Setting<?> setting, Map<Setting<?>, Object> given) {
            OptionSpec.Builder o = OptionSpec.builder(setting.option())
                    .setter(new CommandLine.Model.ISetter() {
                        @Override
                        public <T> T set(T value) {
                            if (value != null) given.put(setting, value);
                            return null;
                        }
                    })
                    .getter(new CommandLine.Model.IGetter() {
                        @Override
                        @SuppressWarnings("unchecked")
                        public <T> T get() {
                            return (T) given.get(setting);
                        }
                    });
            Setting.Kind<?> kind = setting.kind();
            if (kind instanceof Setting.Choice<?> c) {
                return o.type(String.class).paramLabel("NAME").description(setting.help() + "; one of " + String.join(" | ", c.words())).build();
            }
            o.description(setting.description());
            if (kind instanceof Setting.Whole) o.type(Integer.class).paramLabel("N");
            else if (kind instanceof Setting.Seed) o.type(Long.class).paramLabel("SEED");
            else if (kind instanceof Setting.Real) o.type(Double.class).paramLabel("X");
            else if (kind instanceof Setting.Flag) o.type(Boolean.class).arity("0").negatable(true);
            else o.type(String.class).paramLabel("TEXT");
            return o.build();
        }
    }

    /** The files these options read, which an output must not replace. */
    java.util.List<Path> inputFiles() {
        java.util.List<Path> files = new java.util.ArrayList<>();
        if (weights != null) files.add(weights);
        if (bpeCorpus != null && !bpeCorpus.equals(BundledCorpus.NAME)) files.add(Path.of(bpeCorpus));
        return files;
    }

    private void applyWeights(TraceSettings.Builder b) {
        WeightsImport.Imported w = WeightsImport.readFile(weights);
        w.applyTo(b, (Integer) given.get(SettingCatalogue.HEADS));
        if (w.mask() == null && !given.containsKey(SettingCatalogue.MASK)) b.mask(MaskKind.NONE);
    }
}
