package dev.attentionlab.engine.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attentionlab.engine.trace.TraceSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {
    static final String PROMPT = TraceSettings.NOTEBOOK_PROMPT;

    @Test
    void notebookVocabularyIsExactlyThePythonOneWithItsGaps() {
        Tokenizer t = TokenizerKind.NOTEBOOK.fit(PROMPT, 0, null);
        List<Token> tokens = t.encode(PROMPT);
        assertThat(t.ids(tokens)).containsExactly(0, 3, 2, 4, 5, 7, 9, 2, 8, 7);
        assertThat(t.vocabulary().asMap()).containsOnlyKeys("hello", "i", "world", "am", "an", "attention", "love", "seeker");
        assertThat(t.vocabulary().id("i")).isEqualTo(2);
        assertThat(t.vocabulary().idSpan()).isEqualTo(10);
        assertThat(tokens.get(1)).isEqualTo(new Token("World", 3, 6, 11));
    }

    @Test
    void notebookSplitsOnEverySingleSpaceLikePython() {
        Tokenizer t = TokenizerKind.NOTEBOOK.fit("a  b", 0, null);
        List<Token> tokens = t.encode("a  b");
        assertThat(tokens).extracting(Token::text).containsExactly("a", "", "b");
        assertThat(t.ids(tokens)).containsExactly(1, 0, 2);
    }

    @Test
    void firstSeenGivesContiguousIdsAndSplitsPunctuation() {
        Tokenizer t = TokenizerKind.FIRST_SEEN.fit("The cat, the hat. Don't!", 0, null);
        List<Token> tokens = t.encode("The cat, the hat. Don't!");
        assertThat(tokens).extracting(Token::text).containsExactly("The", "cat", ",", "the", "hat", ".", "Don't", "!");
        assertThat(t.ids(tokens)).containsExactly(0, 1, 2, 0, 3, 4, 5, 6);
        assertThat(tokens.get(2).start()).isEqualTo(7);
        assertThat(t.append("the cat", ",")).isEqualTo("the cat,");
        assertThat(t.append("the cat", "hat")).isEqualTo("the cat hat");
    }

    @Test
    void charTokenizerUsesSortedDistinctCharacters() {
        Tokenizer t = TokenizerKind.CHAR.fit("hello", 0, null);
        assertThat(t.ids(t.encode("hello"))).containsExactly(1, 0, 2, 2, 3);
        assertThat(t.vocabulary().entries()).extracting(Vocabulary.Entry::text).containsExactly("e", "h", "l", "o");
        assertThatThrownBy(() -> t.encode("help")).hasMessage("'p' is not in the character vocabulary");
    }

    @Test
    void bpeLearnsTheMostFrequentPairsAndAppliesThemInOrder() {
        BpeTokenizer t = BpeTokenizer.train("low low low lower lowest", "low", 3);
        assertThat(t.merges()).extracting(BpeTokenizer.Merge::merged).containsExactly("▁l", "▁lo", "▁low");
        assertThat(t.merges().get(0).count()).isEqualTo(5);
        assertThat(t.split("lower")).containsExactly("▁low", "e", "r");
        List<Token> tokens = t.encode("low lower");
        assertThat(tokens).extracting(Token::text).containsExactly("▁low", "▁low", "e", "r");
        assertThat(tokens).extracting(Token::start).containsExactly(0, 4, 7, 8);
        assertThat(tokens.get(1).end()).isEqualTo(7);
        assertThat(t.vocabulary().id("▁low")).isEqualTo(t.vocabulary().size() - 1);
        assertThat(t.append("low", "▁low")).isEqualTo("low low");
        assertThat(t.append("low", "er")).isEqualTo("lower");
    }

    @Test
    void bpeWithZeroMergesIsCharacterLevelWithWordMarkers() {
        BpeTokenizer t = BpeTokenizer.train("ab ab", "ab", 0);
        assertThat(t.encode("ab")).extracting(Token::text).containsExactly("▁", "a", "b");
    }

    @Test
    void bpeAlphabetCoversTheTypedTextEvenWhenTrainedElsewhere() {
        BpeTokenizer t = BpeTokenizer.train("aaa bbb", "xyz", 2);
        assertThat(t.encode("xyz")).extracting(Token::text).containsExactly("▁", "x", "y", "z");
    }

    @Test
    void unknownTokenizerNameIsExplained() {
        // Files and the command line name tokenizers through the setting catalogue.
        var names = (dev.attentionlab.engine.trace.Setting.Choice<TokenizerKind>) dev.attentionlab.engine.trace.SettingCatalogue.TOKENIZER.kind();
        assertThat(names.find("sentencepiece")).isNull();
        assertThat(names.keys()).isEqualTo("notebook, first-seen, char, bpe, wordpiece, byte-bpe");
        assertThatThrownBy(() -> TokenizerKind.WORDPIECE.fit("hi", 0, null)).hasMessageContaining("comes with a pretrained model");
        assertThat(names.find("first-seen")).isEqualTo(TokenizerKind.FIRST_SEEN);
    }
}
