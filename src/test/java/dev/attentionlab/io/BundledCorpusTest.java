package dev.attentionlab.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attentionlab.engine.tokenize.BpeTokenizer;
import dev.attentionlab.engine.tokenize.Token;
import org.junit.jupiter.api.Test;

class BundledCorpusTest {
    @Test
    void bpeLearnedFromTheCorpusSplitsWordsItNeverSawWhole() {
        String corpus = BundledCorpus.text();
        assertThat(corpus).contains("Attention lets every word").hasLineCount(30);
        BpeTokenizer t = BpeTokenizer.train(corpus, "attention is learning", 60);
        assertThat(t.merges()).hasSize(60);
        assertThat(t.merges()).extracting(BpeTokenizer.Merge::merged).contains("▁the", "ing", "tion");
        assertThat(t.encode("attention is learning")).extracting(Token::text)
                .containsExactly("▁at", "ten", "tion", "▁", "i", "s", "▁l", "e", "ar", "n", "ing");
    }
}
