package dev.attentionlab.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.model.PretrainedModel;
import dev.attentionlab.engine.tokenize.Vocabulary;
import dev.attentionlab.engine.trace.Continuation;
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
 * Continues a text with a GPT-2 checkpoint through its key/value cache ({@link Continuation}),
 * each token drawn as the Sampling tab draws it.
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
        TraceSettings s = Preset.CUSTOM.defaults().toBuilder().adoptPretrained(m).text(text).temperature(temperature).topK(topK).topP(topP)
                .sampleSeed(seed).build();
        long t0 = System.nanoTime();
        Continuation.Cached generation = (Continuation.Cached) Continuation.of(s, tokens);
        long t1 = System.nanoTime();
        List<Vocabulary.Entry> drawn = new ArrayList<>();
        while (generation.hasNext()) drawn.add(generation.next());
        String continued = generation.text();
        double perSecond = tokens / Math.max(1e-9, (System.nanoTime() - t1) / 1e9);
        var out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = Json.F.objectNode();
            o.set("prompt_ids", Json.array(generation.prompt()));
            o.set("ids", Json.array(drawn.stream().mapToInt(Vocabulary.Entry::id).toArray()));
            ArrayNode pieces = o.putArray("tokens");
            for (Vocabulary.Entry e : drawn) pieces.add(e.text());
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
