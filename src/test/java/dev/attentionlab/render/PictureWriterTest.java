package dev.attentionlab.render;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attentionlab.engine.InvalidInputException;
import org.junit.jupiter.api.Test;

class PictureWriterTest {
    @Test
    void theTwelveHeadGridOf128TokensFitsAt2xButNotAt3x() {
        // bench's export case: 2353 × 3613 at 1×, 34 megapixels at 2×
        assertThatCode(() -> PictureWriter.checkSize(2353, 3613, 2)).doesNotThrowAnyException();
        assertThatThrownBy(() -> PictureWriter.checkSize(2353, 3613, 3)).isInstanceOf(InvalidInputException.class)
                .hasMessage("the image would be 7059 × 10839 pixels at scale 3; the limit is 32767 pixels a side and 48 megapixels:"
                        + " export at a smaller scale, fewer heads or a shorter sentence");
        assertThatThrownBy(() -> PictureWriter.checkSize(40_000, 10, 1)).hasMessageStartingWith("the image would be 40000 × 10 pixels");
    }
}
