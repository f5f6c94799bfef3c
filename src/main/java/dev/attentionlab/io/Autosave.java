package dev.attentionlab.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attentionlab.engine.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Unsaved lessons kept in the user's data folder, one file per running AttentionLab
 * ({@code autosave/session-PID.json}): a lesson file with where it came from and when it was kept. A
 * file whose process is gone was left by a crash or a kill, and is offered back at the next start.
 */
public final class Autosave {
    /** Recovered work: the lesson, the file it belonged to (null when never saved), when it was kept. */
    public record Recovered(Path autosaveFile, Lesson lesson, Path originalFile, Instant keptAt) {}

    private final Path folder;
    private final Path mine;

    /** @param dataFolder the user's AttentionLab data folder (see {@link #defaultDataFolder()}) */
    public Autosave(Path dataFolder) {
        this.folder = dataFolder.resolve("autosave");
        this.mine = folder.resolve("session-" + ProcessHandle.current().pid() + ".json");
    }

    /**
     * {@code -Dattentionlab.dataDir}, else {@code $XDG_DATA_HOME/attentionlab}, else
     * {@code ~/.local/share/attentionlab} (Windows: {@code %APPDATA%\AttentionLab}).
     */
    public static Path defaultDataFolder() {
        String explicit = System.getProperty("attentionlab.dataDir");
        if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
        String appData = System.getenv("APPDATA");
        if (appData != null && !appData.isBlank()) return Path.of(appData, "AttentionLab");
        String xdg = System.getenv("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) return Path.of(xdg, "attentionlab");
        return Path.of(System.getProperty("user.home"), ".local", "share", "attentionlab");
    }

    public Path file() {
        return mine;
    }

    /** Keeps {@code lesson} (atomically, so a kill during the write leaves the previous copy). */
    public void keep(Lesson lesson, Path originalFile) {
        ObjectNode o = LessonFile.toJson(lesson);
        ObjectNode about = o.putObject("autosave");
        if (originalFile != null) about.put("file", originalFile.toAbsolutePath().toString());
        about.put("kept_at", Instant.now().toString());
        String text;
        try {
            text = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidInputException("could not keep the unsaved lesson: " + e.getOriginalMessage());
        }
        if (text.length() > TextFiles.MAX_BYTES) {
            throw new InvalidInputException("the unsaved lesson is over " + TextFiles.MAX_BYTES / (1024 * 1024) + " MiB and is not kept");
        }
        AtomicFiles.writeString(mine, text);
    }

    /** Nothing is unsaved any more (saved, discarded, or the window closed cleanly). */
    public void clear() {
        AtomicFiles.deleteIfPossible(mine);
    }

    /** Lessons that processes no longer running left unsaved, newest first; unreadable ones are skipped. */
    public List<Recovered> left() {
        List<Recovered> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) return out;
        try (var files = Files.newDirectoryStream(folder, "session-*.json")) {
            for (Path f : files) {
                if (f.equals(mine) || running(f)) continue;
                read(f).ifPresent(out::add);
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            return out;
        }
        out.sort((a, b) -> b.keptAt().compareTo(a.keptAt()));
        return out;
    }

    /** The recovered lesson is now in a session (or the user declined it): its file goes. */
    public void forget(Recovered r) {
        AtomicFiles.deleteIfPossible(r.autosaveFile());
    }

    private static Optional<Recovered> read(Path f) {
        try {
            JsonNode o = TextFiles.readJson(f);
            Lesson lesson = LessonFile.parse(o, f.getFileName().toString());
            JsonNode about = o.path("autosave");
            Path original = about.hasNonNull("file") ? Path.of(about.get("file").asText()) : null;
            Instant at;
            try {
                at = Instant.parse(about.path("kept_at").asText(""));
            } catch (java.time.format.DateTimeParseException e) {
                at = Files.getLastModifiedTime(f).toInstant();
            }
            return Optional.of(new Recovered(f, lesson, original, at));
        } catch (InvalidInputException | IOException | java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static boolean running(Path f) {
        String name = f.getFileName().toString();
        try {
            long pid = Long.parseLong(name.substring("session-".length(), name.length() - ".json".length()));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

}
