package dev.attentionlab.gpt2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attentionlab.engine.model.AttentionConfig;
import dev.attentionlab.engine.model.KvCacheDecoder;
import dev.attentionlab.engine.model.MaskFill;
import dev.attentionlab.engine.model.PretrainedModel;
import dev.attentionlab.engine.model.ScaleMode;
import dev.attentionlab.engine.model.Transformer;
import dev.attentionlab.engine.tensor.MaskMatrix;
import dev.attentionlab.engine.tokenize.Token;
import dev.attentionlab.io.Gpt2Checkpoint;
import dev.attentionlab.io.PretrainedModels;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Generation with the key/value cache gives, position by position, the logits of a full forward pass. */
class KvCacheDecoderTest {
    @Test
    void everyPositionsLogitsEqualTheFullPassBitForBit() {
        PretrainedModel m = Gpt2Checkpoint.read(Path.of("src/test/resources/fixtures-gpt2/tiny-gpt2"));
        Transformer t = m.transformer();
        AttentionConfig cfg = new AttentionConfig(m.heads(), ScaleMode.INV_SQRT_DK, MaskFill.NEGATIVE_INFINITY, 1.0);
        int[] ids = m.tokenizer().encode("Hello world, hello world, hello").stream().mapToInt(Token::id).toArray();
        Transformer.Pass full = t.forward(t.embedding().lookup(ids).rows(), null, cfg, MaskMatrix.causal(ids.length, ids.length));
        int[] vocabulary = IntStream.range(0, 50_257).toArray();
        KvCacheDecoder decoder = new KvCacheDecoder(t, cfg, m.maxTokens());
        for (int p = 0; p < ids.length; p++) {
            float[] cached = decoder.next(ids[p]);
            assertThat(cached).as("position %d", p).containsExactly(t.logits(full, p, vocabulary));
        }
        assertThat(decoder.length()).isEqualTo(ids.length);
        decoder.clear();
        assertThat(decoder.prefill(ids)).containsExactly(t.logits(full, ids.length - 1, vocabulary));
    }

    @Test
    void theContextEndsWithAMessageAndAnEncoderIsRefused() {
        PretrainedModel m = Gpt2Checkpoint.read(Path.of("src/test/resources/fixtures-gpt2/tiny-gpt2"));
        AttentionConfig cfg = new AttentionConfig(m.heads(), ScaleMode.INV_SQRT_DK, MaskFill.NEGATIVE_INFINITY, 1.0);
        KvCacheDecoder decoder = new KvCacheDecoder(m.transformer(), cfg, 3);
        decoder.prefill(new int[] {1, 2, 3});
        assertThatThrownBy(() -> decoder.next(4)).hasMessageContaining("the model knows 3 positions");
        PretrainedModel bert = PretrainedModels.load("all-minilm-l6-v2");
        assertThatThrownBy(() -> new KvCacheDecoder(bert.transformer(), new AttentionConfig(12, ScaleMode.INV_SQRT_DK,
                MaskFill.NEGATIVE_INFINITY, 1.0), 8)).hasMessageContaining("needs a decoder");
    }
}
