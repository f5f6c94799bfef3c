package dev.attentionlab.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The engine is pure math: no UI, no JSON library, no file or stream I/O. */
class EnginePurityTest {
    static final List<String> FORBIDDEN = List.of("javafx.", "com.fasterxml.", "java.io.", "java.nio.file.");

    @Test
    void engineSourcesImportNothingForbidden() throws IOException {
        Path engine = Path.of("src/main/java/dev/attentionlab/engine");
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.walk(engine)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    for (String pkg : FORBIDDEN) {
                        if (line.contains(pkg)) offences.add(f.getFileName() + ":" + (i + 1) + ": " + line.trim());
                    }
                }
            }
        }
        assertThat(offences).isEmpty();
    }

    @Test
    void engineClassesReferenceNothingForbidden() throws IOException {
        Path classes = Path.of("target/classes/dev/attentionlab/engine");
        assertThat(classes).isDirectory();
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String constantPool = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String pkg : FORBIDDEN) {
                    if (constantPool.contains(pkg.replace('.', '/'))) offences.add(f.getFileName() + " uses " + pkg);
                }
            }
        }
        assertThat(offences).isEmpty();
    }
}
