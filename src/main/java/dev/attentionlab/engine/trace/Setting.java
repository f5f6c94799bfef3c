package dev.attentionlab.engine.trace;

import dev.attentionlab.engine.InvalidInputException;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One setting, described once: its key in lesson files, its command-line option, what the window and
 * the error messages call it, its help, the values it accepts, and where it lives in
 * {@link TraceSettings}. The lesson format, the CLI and the settings form all read it from
 * {@link SettingCatalogue}, so a new knob is one entry there and one control in the window.
 *
 * @param key    the JSON key in lesson files and trace exports ({@code "d_model"})
 * @param option the command-line option ({@code "--d-model"}), or null when only files carry it
 * @param name   what error messages call it ({@code "d_model"}, {@code "pad-to"})
 * @param label  the settings form's label
 * @param help   one sentence: the form's tooltip and the option's description
 * @param defaultValue what a fresh session (the notebook) and a new {@link TraceSettings.Builder} start with;
 *                     a preset or a model may set another
 */
public record Setting<T>(String key, String option, String name, String label, String help, Kind<T> kind, T defaultValue,
                         Function<TraceSettings, T> get, BiConsumer<TraceSettings.Builder, T> set) {

    public T of(TraceSettings s) {
        return get.apply(s);
    }

    public void put(TraceSettings.Builder b, T value) {
        set.accept(b, value);
    }

    /** The help, with what 0 means where it means something special: "keep the k most likely tokens (0 = off)". */
    public String description() {
        return kind instanceof Whole w && w.zero() != null ? help + " (" + w.zero() + ")" : help;
    }

    /** Throws an {@link InvalidInputException} naming this setting when {@code s} holds a value it does not accept. */
    public void check(TraceSettings s) {
        kind.check(name, get.apply(s));
    }

    /** The values a setting accepts: a closed set, so every reader handles each. */
    public sealed interface Kind<T> permits Whole, Seed, Real, Flag, Text, Choice {
        void check(String name, T value);
    }

    /**
     * An int in {@code min…max}.
     *
     * @param zero what 0 means when it means something special ("0 = off"), or null
     */
    public record Whole(int min, int max, String zero) implements Kind<Integer> {
        @Override
        public void check(String name, Integer v) {
            if (v < min) {
                throw new InvalidInputException(name + " must be " + (min == 0 ? "≥ 0" : "at least " + min)
                        + (zero == null ? "" : " (" + zero + ")") + ", got " + v);
            }
            if (v > max) throw new InvalidInputException(name + " = " + v + " is over the limit of " + max);
        }
    }

    /** A seed for torch.manual_seed: any long. */
    public record Seed() implements Kind<Long> {
        @Override
        public void check(String name, Long value) {}
    }

    /**
     * A finite double from {@code min} (excluded when {@code open}) to {@code max}.
     *
     * @param unset whether NaN is allowed, meaning "not set" (nn.Embedding's max_norm)
     */
    public record Real(double min, boolean open, double max, boolean unset) implements Kind<Double> {
        /** Any value; the layer that uses it checks it (nn.Embedding's max_norm and norm_type). */
        public static final Real ANY = new Real(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, true);

        @Override
        public void check(String name, Double v) {
            if (unset && v.isNaN() || this == ANY) return;
            boolean below = open ? !(v > min) : !(v >= min);
            if (below || v > max) {
                String range = Double.isInfinite(max) ? "a number " + (open ? "> " : "≥ ") + number(min)
                        : "in " + (open ? "(" : "[") + number(min) + ", " + number(max) + "]";
                throw new InvalidInputException(name + " must be " + range + ", got " + v);
            }
            if (v.isInfinite()) throw new InvalidInputException(name + " must be finite");
        }

        private static String number(double d) {
            return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
        }
    }

    /** On or off; negatable on the command line ({@code --no-positional}). */
    public record Flag() implements Kind<Boolean> {
        @Override
        public void check(String name, Boolean value) {}
    }

    /** Free text; the engine checks what a sentence must be. @param optional whether null (absent) is allowed */
    public record Text(boolean optional) implements Kind<String> {
        @Override
        public void check(String name, String value) {}
    }

    /** One of a closed set of values, each with its key in files and its word on the command line. */
    public record Choice<E>(List<Named<E>> options) implements Kind<E> {
        @SafeVarargs
        public static <E> Choice<E> of(Named<E>... options) {
            return new Choice<>(List.of(options));
        }

        @Override
        public void check(String name, E value) {
            if (value == null) throw new InvalidInputException(name + " is not set");
        }

        /** Every value, in the order a form offers them. */
        public List<E> values() {
            return options.stream().map(Named::value).toList();
        }

        /** The value {@code spelled} names, by key, command-line word or alias (any case), or null. */
        public E find(String spelled) {
            for (Named<E> n : options) if (n.spells(spelled)) return n.value();
            return null;
        }

        public Named<E> named(E value) {
            for (Named<E> n : options) if (n.value() == value) return n;
            throw new IllegalArgumentException("no name for " + value);
        }

        /** Every key, for a file's error message: "none, causal, padding, custom". */
        public String keys() {
            return options.stream().map(Named::key).collect(Collectors.joining(", "));
        }

        /** What the command line offers: "none | causal | padding". */
        public List<String> words() {
            return options.stream().filter(n -> n.word() != null).map(Named::word).toList();
        }
    }

    /**
     * One value of a {@link Choice}.
     *
     * @param word    its spelling on the command line, or null when the command line does not offer it
     * @param aliases other spellings that are accepted (older files, habits such as "1/sqrt(dk)")
     */
    public record Named<E>(E value, String key, String word, List<String> aliases) {
        public static <E> Named<E> of(E value, String key, String word, String... aliases) {
            return new Named<>(value, key, word, List.of(aliases));
        }

        boolean spells(String s) {
            if (s.equalsIgnoreCase(key) || s.equalsIgnoreCase(String.valueOf(value))) return true;
            if (word != null && s.equalsIgnoreCase(word)) return true;
            String lower = s.toLowerCase(Locale.ROOT);
            return aliases.contains(lower);
        }
    }
}
