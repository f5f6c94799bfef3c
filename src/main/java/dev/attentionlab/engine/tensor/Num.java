package dev.attentionlab.engine.tensor;

import java.util.Locale;

/** Numbers as the explanations print them: three decimals, a real minus sign, ∞ and NaN by name. */
public final class Num {
    private Num() {}

    public static String fmt(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (v == Double.POSITIVE_INFINITY) return "∞";
        if (v == Double.NEGATIVE_INFINITY) return "−∞";
        double a = Math.abs(v);
        String s;
        if (a != 0 && (a < 1e-3 || a >= 1e6)) {
            s = String.format(Locale.ROOT, "%.2e", v).replace("e-0", "e-").replace("e+0", "e").replace("e+", "e");
        } else {
            s = String.format(Locale.ROOT, "%.3f", v);
        }
        return s.replace('-', '−');
    }

    /** A factor in a product: negatives in parentheses, so "0.1×(−0.2)". */
    public static String factor(double v) {
        String s = fmt(v);
        return s.startsWith("−") ? "(" + s + ")" : s;
    }

    /** A subscript index: 12 → "₁₂". */
    public static String sub(int i) {
        StringBuilder b = new StringBuilder();
        for (char c : Integer.toString(i).toCharArray()) b.append((char) ('₀' + (c - '0')));
        return b.toString();
    }
}
