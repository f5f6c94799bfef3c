package dev.attentionlab.engine.trace;

/** For tests that walk the catalogue: a value each setting accepts that a fresh (notebook) session does not have. */
public final class SettingSamples {
    private SettingSamples() {}

    @SuppressWarnings("unchecked")
    public static <T> T changed(Setting<T> s) {
        T d = s.defaultValue();
        Object v;
        if (s.kind() instanceof Setting.Choice<T> c) {
            v = c.values().stream().filter(x -> x != d && c.named(x).word() != null).findFirst().orElseThrow();
        } else if (s.kind() instanceof Setting.Whole w) {
            int i = (Integer) d;
            v = i + 1 <= w.max() ? i + 1 : i - 1;
        } else if (s.kind() instanceof Setting.Seed) {
            v = (Long) d + 7;
        } else if (s.kind() instanceof Setting.Real r) {
            double x = (Double) d;
            v = Double.isNaN(x) ? 1.5 : x + 0.5 <= r.max() ? x + 0.5 : x - 0.5;
        } else if (s.kind() instanceof Setting.Flag) {
            v = !(Boolean) d;
        } else {
            v = d == null ? "the sentence keys come from" : "a changed sentence";
        }
        return (T) v;
    }

    /** The notebook's settings with {@code s} changed. */
    public static <T> TraceSettings notebookWithChanged(Setting<T> s) {
        TraceSettings.Builder b = Preset.NOTEBOOK.defaults().toBuilder();
        s.put(b, changed(s));
        return b.build();
    }

    /** How the command line spells {@link #changed}. */
    public static <T> String spelled(Setting<T> s) {
        T v = changed(s);
        if (s.kind() instanceof Setting.Choice<T> c) return c.named(v).word();
        return String.valueOf(v);
    }
}
