package dev.attentionlab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.KvCacheDecoder;
import dev.attentionlab.engine.model.PretrainedModel;
import dev.attentionlab.engine.model.Sampler;
import dev.attentionlab.engine.rng.TorchGenerator;
import dev.attentionlab.engine.tokenize.Token;
import dev.attentionlab.engine.tokenize.Vocabulary;
import dev.attentionlab.engine.trace.Preset;
import dev.attentionlab.engine.trace.TraceSettings;
import dev.attentionlab.io.Json;
import dev.attentionlab.io.PretrainedModels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Continues a text with a GPT-2 checkpoint, a token at a time through the key/value cache, each token
 * drawn as the Sampling tab draws it: temperature, top-k, top-p, then torch.multinomial from one
 * stream seeded with torch.manual_seed(seed).
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Continue a text with a GPT-2 checkpoint and print the continuation.")
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR|FILE", description = "a GPT-2 checkpoint: a Hugging Face folder or a .safetensors file")
    String model;

    @Option(names = "--text", required = true, description = "the text to continue")
    String text;

    @Option(names = "--tokens", defaultValue = "32", description = "how many tokens to add (default: ${DEFAULT-VALUE})")
    int tokens;

    @Option(names = "--temperature", defaultValue = "1.0", description = "0 is greedy (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--top-k", defaultValue = "0", description = "keep the k likeliest tokens; 0 keeps all (default: ${DEFAULT-VALUE})")
    int topK;

    @Option(names = "--top-p", defaultValue = "1.0", description = "keep the likeliest tokens whose probabilities add up to p (default: ${DEFAULT-VALUE})")
    double topP;

    @Option(names = "--seed", defaultValue = "0", description = "torch.manual_seed for the draws (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--json", description = "print the ids, pieces, text and speed as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (tokens < 0 || tokens > 4096) throw new InvalidInputException("--tokens must be 0…4096, got " + tokens);
        PretrainedModel m = PretrainedModels.open(model);
        if (!m.transformer().predictsTokens()) throw new InvalidInputException(m.name() + " has no next-token head: it cannot generate");
        TraceSettings s = Preset.CUSTOM.defaults().toBuilder().adoptPretrained(m).text(text).temperature(temperature).topK(topK).topP(topP).build();
        int[] prompt = m.tokenizer().encode(text).stream().mapToInt(Token::id).toArray();
        if (prompt.length + tokens > m.maxTokens()) {
            throw new InvalidInputException("the text is " + prompt.length + " tokens; with " + tokens + " more it passes the model's "
                    + m.maxTokens() + " positions");
        }
        KvCacheDecoder decoder = new KvCacheDecoder(m.transformer(), s.attentionConfig(), m.maxTokens());
        List<Vocabulary.Entry> vocabulary = m.tokenizer().vocabulary().entries();
        TorchGenerator draws = new TorchGenerator(seed);
        long t0 = System.nanoTime();
        float[] logits = decoder.prefill(prompt);
        long t1 = System.nanoTime();
        List<Integer> ids = new ArrayList<>();
        String continued = text;
        for (int n = 0; n < tokens; n++) {
            Vocabulary.Entry next = vocabulary.get(Sampler.sample(logits, s.samplingConfig(), draws).sample());
            ids.add(next.id());
            continued = m.tokenizer().append(continued, next.text());
            if (n + 1 < tokens) logits = decoder.next(next.id());
        }
        double perSecond = tokens / Math.max(1e-9, (System.nanoTime() - t1) / 1e9);
        var out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = Json.F.objectNode();
            o.set("prompt_ids", Json.array(prompt));
            o.set("ids", Json.array(ids.stream().mapToInt(Integer::intValue).toArray()));
            ArrayNode pieces = o.putArray("tokens");
            for (int id : ids) pieces.add(vocabulary.get(id).text());
            o.put("text", continued.substring(text.length()));
            o.put("prompt_ms", (t1 - t0) / 1e6);
            o.put("tokens_per_second", perSecond);
            out.println(Json.MAPPER.writeValueAsString(o));
        } else {
            out.println(continued.substring(text.length()));
        }
        out.flush();
        return 0;
    }
}
