package dev.attentionlab.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every PyTorch reference case, shared and project-made, replayed and compared by the fixtures' rule. */
class FixtureParityTest {
    static final Path SHARED = Path.of("..", "shared", "fixtures");
    static final Path EXTRA = Path.of("src", "test", "resources", "fixtures-extra");

    static List<Path> fixtures(Path dir) throws IOException {
        assertThat(dir).as("the reference fixtures must be present at " + dir.toAbsolutePath()).isDirectory();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().equals("index.json"))
                    .sorted().toList();
        }
    }

    @Test
    void sharedFixturesAreAllThere() throws IOException {
        List<Path> files = fixtures(SHARED);
        assertThat(files).hasSizeGreaterThanOrEqualTo(12);
        JsonNode index = TextFiles.readJson(SHARED.resolve("index.json"));
        for (JsonNode entry : index) assertThat(SHARED.resolve(entry.get("file").asText())).exists();
    }

    @TestFactory
    Stream<DynamicTest> sharedFixturesMatchPyTorch() throws IOException {
        return fixtures(SHARED).stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    @TestFactory
    Stream<DynamicTest> projectFixturesMatchPyTorch() throws IOException {
        return fixtures(EXTRA).stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    static void check(Path file) {
        JsonNode fixture = TextFiles.readJson(file);
        ObjectNode replay = FixtureReplay.replay(fixture);
        assertThat(replay.get("name").asText()).isEqualTo(fixture.get("name").asText());
        boolean rng = fixture.get("kind").asText().equals("rng");
        List<String> mismatches = FixtureComparator.compare(fixture.get("expected"), replay.get("actual"),
                fixture.get("tolerance").asDouble(), rng);
        assertThat(mismatches).as(file.getFileName() + " mismatches").isEmpty();
    }
}
