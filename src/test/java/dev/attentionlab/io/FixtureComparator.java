package dev.attentionlab.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The comparison rule of shared/fixtures/README.md: |actual − expected| ≤ tol·max(1, |expected|);
 * NaN and ±∞ by identity; integers, booleans, strings and every field named *bits / *crc32 exactly;
 * every field of an rng fixture exactly. Fields naming the non-AVX2 kernels ("default_capability")
 * are skipped, and a missing *bits field is allowed, as the replay contract permits.
 */
public final class FixtureComparator {
    private final List<String> mismatches = new ArrayList<>();

    public static List<String> compare(JsonNode expected, JsonNode actual, double tolerance, boolean exact) {
        FixtureComparator c = new FixtureComparator();
        c.walk(expected, actual, tolerance, exact, "expected");
        return c.mismatches;
    }

    private void walk(JsonNode e, JsonNode a, double tol, boolean exact, String path) {
        if (mismatches.size() > 20) return;
        if (e.isObject()) {
            if (a == null || !a.isObject()) {
                mismatches.add(path + ": expected an object, got " + a);
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> it = e.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                String k = f.getKey();
                if (k.contains("default_capability")) continue;
                if (!a.has(k)) {
                    if (!k.endsWith("bits")) mismatches.add(path + "." + k + ": missing");
                    continue;
                }
                walk(f.getValue(), a.get(k), tol, exact || k.endsWith("bits") || k.endsWith("crc32"), path + "." + k);
            }
        } else if (e.isArray()) {
            if (a == null || !a.isArray() || a.size() != e.size()) {
                mismatches.add(path + ": expected " + e.size() + " entries, got " + (a == null ? "nothing" : a.size()));
                return;
            }
            for (int i = 0; i < e.size(); i++) walk(e.get(i), a.get(i), tol, exact, path + "[" + i + "]");
        } else if (e.isTextual() && isNonFinite(e.textValue())) {
            if (a == null || !a.isTextual() || !a.textValue().equals(e.textValue())) {
                mismatches.add(path + ": expected " + e.textValue() + ", got " + a);
            }
        } else if (e.isIntegralNumber() || e.isBoolean() || e.isTextual()) {
            boolean sameInteger = e.isIntegralNumber() && a != null && a.isIntegralNumber()
                    && e.bigIntegerValue().equals(a.bigIntegerValue());
            if (!sameInteger && !e.equals(a)) mismatches.add(path + ": expected " + e + ", got " + a);
        } else if (e.isNumber()) {
            if (a == null || !a.isNumber()) {
                mismatches.add(path + ": expected a number " + e + ", got " + a);
                return;
            }
            double want = e.doubleValue();
            double got = a.doubleValue();
            boolean ok = exact ? got == want : Math.abs(got - want) <= tol * Math.max(1, Math.abs(want));
            if (!ok) mismatches.add(path + ": expected " + want + ", got " + got);
        }
    }

    private static boolean isNonFinite(String s) {
        return s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity");
    }

}
