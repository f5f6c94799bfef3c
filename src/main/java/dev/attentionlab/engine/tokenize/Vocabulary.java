package dev.attentionlab.engine.tokenize;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Token texts and their ids. Ids may have gaps (the notebook's vocabulary has them). */
public final class Vocabulary {
    private final Map<String, Integer> ids;
    private final List<Entry> entries;

    public record Entry(int id, String text) {}

    private Vocabulary(Map<String, Integer> textToId) {
        this.ids = Map.copyOf(textToId);
        TreeMap<Integer, String> byId = new TreeMap<>();
        textToId.forEach((text, id) -> {
            String previous = byId.put(id, text);
            if (previous != null) throw new IllegalArgumentException("id " + id + " used by '" + previous + "' and '" + text + "'");
        });
        List<Entry> list = new ArrayList<>(byId.size());
        byId.forEach((id, text) -> list.add(new Entry(id, text)));
        this.entries = Collections.unmodifiableList(list);
    }

    public static Vocabulary of(Map<String, Integer> textToId) {
        return new Vocabulary(textToId);
    }

    /** Ids 0, 1, 2, … in list order. */
    public static Vocabulary contiguous(List<String> texts) {
        Map<String, Integer> m = new HashMap<>();
        for (String t : texts) m.putIfAbsent(t, m.size());
        return new Vocabulary(m);
    }

    /** Entries in id order. */
    public List<Entry> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    /** The number of embedding rows these ids need: max id + 1. */
    public int idSpan() {
        return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).id() + 1;
    }

    /** The id of {@code text}, or -1 when it is not in the vocabulary. */
    public int id(String text) {
        Integer id = ids.get(text);
        return id == null ? -1 : id;
    }

    /** Text → id, for serialisation. */
    public Map<String, Integer> asMap() {
        return ids;
    }
}
