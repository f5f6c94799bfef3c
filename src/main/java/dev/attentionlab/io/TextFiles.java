package dev.attentionlab.io;

import dev.attentionlab.engine.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one reading policy for every file the app opens: regular files only (a pipe or a device would
 * block or never end), a size cap applied while reading rather than trusted from the file's size,
 * strict UTF-8 with an optional byte-order mark, and one message that says why a read failed.
 */
public final class TextFiles {
    /** Lessons, weights JSON, safetensors, fixtures. */
    public static final long MAX_BYTES = 64L * 1024 * 1024;
    /** Training and BPE corpora: the training data holds an int per character, so this keeps a corpus well inside a small heap. */
    public static final long MAX_CORPUS_BYTES = 16L * 1024 * 1024;

    private TextFiles() {}

    public static String read(Path file) {
        return read(file, MAX_BYTES);
    }

    /** UTF-8 text of at most {@code cap} bytes; a leading byte-order mark is dropped. */
    public static String read(Path file, long cap) {
        byte[] bytes = bytes(file, cap);
        int skip = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file + " is not UTF-8 text");
        }
    }

    /** A training or BPE corpus, capped at {@link #MAX_CORPUS_BYTES}. */
    public static String readCorpus(Path file) {
        return read(file, MAX_CORPUS_BYTES);
    }

    public static com.fasterxml.jackson.databind.JsonNode readJson(Path file) {
        return Json.parse(read(file), file.toString());
    }

    /** The whole file, refusing what is not a regular file and stopping as soon as it passes {@code cap}. */
    /** The file's attributes, refusing a folder, a pipe, a device or a socket by name. */
    static BasicFileAttributes requireRegularFile(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (a.isDirectory()) throw new InvalidInputException(file + " is a folder, not a file");
            if (!a.isRegularFile()) {
                throw new InvalidInputException(file + " is not a regular file (a pipe, a device or a socket); only files are opened");
            }
            return a;
        } catch (IOException e) {
            throw new InvalidInputException(cannotRead(file, e));
        }
    }

    public static byte[] bytes(Path file, long cap) {
        try {
            BasicFileAttributes a = requireRegularFile(file);
            if (a.size() > cap) {
                throw new InvalidInputException(file + " is " + (a.size() + (1 << 20) - 1) / (1 << 20) + " MiB; " + what(cap)
                        + cap / (1024 * 1024) + " MiB are not opened");
            }
            try (InputStream in = Files.newInputStream(file)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(a.size() + 1, cap + 1));
                byte[] buf = new byte[1 << 16];
                long total = 0;
                for (int n; (n = in.read(buf)) > 0; ) {
                    total += n;
                    // A file that grows while it is read, or one that reports no size (/proc), is still bounded.
                    if (total > cap) throw tooLarge(file, cap);
                    out.write(buf, 0, n);
                }
                return out.toByteArray();
            }
        } catch (IOException e) {
            throw new InvalidInputException(cannotRead(file, e));
        }
    }

    private static InvalidInputException tooLarge(Path file, long cap) {
        return new InvalidInputException(file + " is larger than " + cap / (1024 * 1024) + " MiB; " + what(cap)
                + cap / (1024 * 1024) + " MiB are not opened");
    }

    private static String what(long cap) {
        return cap == MAX_CORPUS_BYTES ? "texts to learn from over " : "files over ";
    }

    /** "F does not exist", or "cannot read F: why" with the reason in words rather than the exception's path-only message. */
    static String cannotRead(Path file, IOException e) {
        if (e instanceof NoSuchFileException && existingFileOnTheWay(file) == null) return file + " does not exist";
        return "cannot read " + file + ": " + reason(file, e);
    }

    /** Why a file operation failed, in words. */
    static String reason(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            Path blocking = existingFileOnTheWay(file);
            return blocking != null ? blocking + " is a file, not a folder" : "it does not exist";
        }
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NotDirectoryException) return "a part of the path is a file, not a folder";
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            String r = fse.getReason();
            if (r.equalsIgnoreCase("Not a directory")) {
                Path blocking = existingFileOnTheWay(file);
                return blocking != null ? blocking + " is a file, not a folder" : "a part of the path is a file, not a folder";
            }
            if (r.equalsIgnoreCase("Is a directory")) return "it is a folder, not a file";
            return r.toLowerCase(java.util.Locale.ROOT);
        }
        String m = e.getMessage();
        return m == null || m.equals(file.toString()) ? e.getClass().getSimpleName() : m;
    }

    /** The first parent of {@code file} that exists and is not a folder (the path goes "through" a file), or null. */
    static Path existingFileOnTheWay(Path file) {
        for (Path p = file.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) return Files.isDirectory(p) ? null : p;
        }
        return null;
    }
}
