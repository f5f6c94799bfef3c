package dev.attentionlab.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attentionlab.engine.model.AttentionResult;
import dev.attentionlab.engine.model.AttentionWeights;
import dev.attentionlab.engine.model.HeadResult;
import dev.attentionlab.engine.model.RowNote;
import dev.attentionlab.engine.model.SamplingResult;
import dev.attentionlab.engine.tensor.Matrix;
import dev.attentionlab.engine.tokenize.Token;
import dev.attentionlab.engine.tokenize.Vocabulary;
import dev.attentionlab.engine.trace.Step;
import dev.attentionlab.engine.model.Transformer;
import dev.attentionlab.engine.trace.MatrixId;
import dev.attentionlab.engine.trace.ModelSource;
import dev.attentionlab.engine.trace.Trace;
import dev.attentionlab.engine.trace.TraceSettings;
import java.util.List;

/** The whole trace as one JSON object: settings, tokens, every matrix, the sampling stages and the steps. */
public final class TraceJson {
    private TraceJson() {}

    public static ObjectNode of(Trace t) {
        ObjectNode o = Json.F.objectNode();
        o.put("format", "attentionlab-trace");
        o.put("version", 1);
        o.set("settings", SettingsJson.of(t.settings()));
        o.set("tokens", tokens(t.tokens()));
        if (t.isCrossAttention()) o.set("source_tokens", tokens(t.sourceTokens()));
        o.set("ids", Json.array(t.tokens().stream().mapToInt(Token::id).toArray()));
        // A published model's vocabulary and weights are its files, not this trace: it keeps the rows the sentence used.
        boolean pretrained = t.source() instanceof ModelSource.Pretrained;
        List<Vocabulary.Entry> entries = t.tokenizer().vocabulary().entries();
        if (pretrained) {
            o.put("vocab_size", entries.size());
            entries = t.tokens().stream().map(tk -> new Vocabulary.Entry(tk.id(), tk.text())).distinct().toList();
        } else {
            ObjectNode vocab = o.putObject("vocab");
            entries.forEach(e -> vocab.put(e.text(), e.id()));
        }

        ObjectNode emb = o.putObject("embedding");
        emb.set("shape", Json.array(new int[] {t.embedding().weight().rows(), t.embedding().weight().cols()}));
        ArrayNode rows = emb.putArray(pretrained ? "rows_used" : "rows");
        for (Vocabulary.Entry e : entries) {
            ObjectNode r = rows.addObject();
            r.put("id", e.id());
            r.put("token", e.text());
            r.set("vector", Json.array(t.embedding().weight().row(e.id())));
        }
        emb.set("renormalised_rows", Json.array(t.renormalised().stream().mapToInt(Integer::intValue).toArray()));

        o.set("X", Json.lazyRows(t.x()));
        if (t.positional() != null) o.set("PE", Json.lazyRows(t.positional()));
        o.set("X_in", Json.lazyRows(t.input()));
        if (t.isCrossAttention()) o.set("X_src", Json.lazyRows(t.sourceInput()));
        if (pretrained) {
            o.put("model", ((ModelSource.Pretrained) t.source()).model().key());
        } else {
            o.set("weights", weights(t.weights()));
        }

        AttentionResult a = t.attention();
        o.set("mask", a.mask().anyMasked() ? Json.rows(a.mask()) : Json.F.nullNode());
        o.set("scale_divisor", Json.number(a.divisor()));
        ArrayNode heads = o.putArray("heads");
        for (HeadResult h : a.heads()) {
            ObjectNode ho = heads.addObject();
            ho.put("head", h.index() + 1);
            ho.set("Q", Json.lazyRows(h.q()));
            ho.set("K", Json.lazyRows(h.k()));
            ho.set("V", Json.lazyRows(h.v()));
            ho.set("scores_raw", Json.lazyRows(h.scoresRaw()));
            ho.set("scores_scaled", Json.lazyRows(h.scoresScaled()));
            ho.set("scores_masked", Json.lazyRows(h.scoresMasked()));
            ho.set("weights", Json.lazyRows(h.weights()));
            ho.set("context", Json.lazyRows(h.context()));
        }
        o.set("layers", layers(t, !pretrained));
        ArrayNode notes = o.putArray("row_notes");
        for (RowNote n : a.rowNotes()) notes.addObject().put("row", n.row()).put("reason", n.reason());
        o.set("weights_avg", Json.lazyRows(a.averageWeights()));
        o.set("concat", Json.lazyRows(a.concat()));
        o.set("output", Json.lazyRows(a.output()));
        Transformer.BlockPass shown = t.blockPass(t.shownBlock());
        if (shown.residual() != null) o.set("residual", Json.lazyRows(shown.residual()));
        if (shown.norm1() != null) o.set("norm", Json.lazyRows(shown.norm1().out()));
        if (t.predictsTokens()) {
            o.set("sampling", sampling(t));
        } else {
            o.set("sampling", Json.F.nullNode());
            o.set("last_hidden_state", Json.lazyRows(t.pass().hidden()));
            o.set("mean_pooled", Json.array(t.pooling().mean().toArray()));
            o.set("sentence_embedding", Json.array(t.pooling().embedding().toArray()));
            Trace.Comparison other = t.pooling().other();
            if (other != null) {
                ObjectNode c = o.putObject("comparison");
                c.put("text", other.text());
                c.set("tokens", tokens(other.tokens()));
                c.set("sentence_embedding", Json.array(other.embedding().toArray()));
                c.set("cosine_similarity", Json.number(other.cosine()));
            }
        }
        ArrayNode steps = o.putArray("steps");
        for (Step s : t.steps()) {
            ObjectNode so = steps.addObject();
            so.put("id", s.id());
            so.put("title", s.title());
            so.put("formula", s.formula());
            so.set("reads", strings(s.reads().stream().map(MatrixId::name).toList()));
            so.set("writes", strings(s.writes().stream().map(MatrixId::name).toList()));
            so.put("explanation", s.explanation());
        }
        o.set("notes", strings(t.notes()));
        o.put("compute_ms", t.computeNanos() / 1e6);
        return o;
    }

    /**
     * Every block's intermediates: {@code layers[l]} holds each block-wide matrix under its kind's key
     * ({@code X_in}, {@code output}, {@code mlp_hidden}…), and {@code layers[l].heads[h]} each head's
     * ({@code Q}…{@code weights}, {@code context}), for a single seeded layer and for every block of a model.
     *
     * @param parameters whether the weight matrices go in too (not for a published model: they are its file)
     */
    private static ArrayNode layers(Trace t, boolean parameters) {
        ArrayNode layers = Json.F.arrayNode();
        for (int l = 0; l < t.blocks(); l++) {
            ObjectNode layer = layers.addObject();
            layer.put("layer", l + 1);
            ArrayNode heads = layer.putArray("heads");
            for (int h = 0; h < t.blockAttention(l).heads().size(); h++) heads.addObject().put("head", h + 1);
        }
        t.index().forEach((id, m) -> {
            if (id.block() < 0 || !parameters && id.kind().parameter()) return;
            ObjectNode layer = (ObjectNode) layers.get(id.block());
            ObjectNode into = id.head() >= 0 ? (ObjectNode) layer.get("heads").get(id.head()) : layer;
            into.set(id.kind().key(), Json.lazyRows(m));
        });
        return layers;
    }

    private static ObjectNode sampling(Trace t) {
        SamplingResult s = t.sampling();
        ObjectNode o = Json.F.objectNode();
        ArrayNode cands = o.putArray("candidates");
        for (Vocabulary.Entry e : t.vocabEntries()) cands.addObject().put("id", e.id()).put("token", e.text());
        o.put("from_position", t.lastRealPosition());
        o.set("logits", Json.array(s.logits().row(0)));
        o.set("logits_T", Json.array(s.scaledLogits().row(0)));
        o.set("probs", Json.array(s.probs().row(0)));
        o.set("probs_T", Json.array(s.probsT().row(0)));
        o.set("probs_topk", Json.array(s.probsTopK().row(0)));
        o.set("probs_topp", Json.array(s.probsTopP().row(0)));
        ObjectNode sample = o.putObject("sample");
        sample.put("index", s.sample());
        sample.put("id", t.vocabEntries().get(s.sample()).id());
        sample.put("token", t.sampledToken());
        sample.put("greedy", s.greedy());
        return o;
    }

    static ObjectNode weights(AttentionWeights w) {
        ObjectNode o = Json.F.objectNode();
        put(o, "W_q", w.wq());
        put(o, "W_k", w.wk());
        put(o, "W_v", w.wv());
        put(o, "b_q", w.bq());
        put(o, "b_k", w.bk());
        put(o, "b_v", w.bv());
        put(o, "W_o", w.wo());
        put(o, "b_o", w.bo());
        return o;
    }

    private static void put(ObjectNode o, String name, Matrix m) {
        if (m == null) return;
        o.set(name, m.rows() == 1 && name.startsWith("b_") ? Json.array(m.row(0)) : Json.lazyRows(m));
    }

    private static ArrayNode tokens(List<Token> tokens) {
        ArrayNode a = Json.F.arrayNode();
        for (Token t : tokens) a.addObject().put("text", t.text()).put("id", t.id()).put("start", t.start()).put("end", t.end());
        return a;
    }

    private static ArrayNode strings(List<String> list) {
        ArrayNode a = Json.F.arrayNode();
        list.forEach(a::add);
        return a;
    }
}
