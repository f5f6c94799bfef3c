package dev.attentionlab.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MatrixExportTest {
    @Test
    void csvFieldsAreQuotedWhenTheyHoldCommasOrQuotes() {
        assertThat(MatrixExport.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(MatrixExport.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(MatrixExport.quote("plain")).isEqualTo("plain");
    }
}
