package dev.attentionlab.io;

import dev.attentionlab.engine.InvalidInputException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads user files with one clear message for every way that can fail. */
public final class TextFiles {
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    private TextFiles() {}

    public static String read(Path file) {
        try {
            if (Files.isDirectory(file)) throw new InvalidInputException(file + " is a folder, not a file");
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new InvalidInputException(file + " is " + size / (1024 * 1024) + " MiB; files over 64 MiB are not opened");
            }
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + " does not exist");
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    public static com.fasterxml.jackson.databind.JsonNode readJson(Path file) {
        return Json.parse(read(file), file.toString());
    }
}
