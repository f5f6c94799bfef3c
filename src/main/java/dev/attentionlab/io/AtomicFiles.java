package dev.attentionlab.io;

import dev.attentionlab.engine.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that it is either the old one or the complete new one: the content goes to a
 * temporary file in the same folder, is flushed to disk, and is then moved over the target.
 */
public final class AtomicFiles {
    /** Produces the content; may fail half-way, which leaves the target untouched. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /** A temporary file older than this is left over from a save that was killed: nobody is still writing it. */
    static final java.time.Duration STALE = java.time.Duration.ofMinutes(10);

    public static void write(Path target, Content content) {
        Path dir = target.toAbsolutePath().getParent();
        if (Files.isDirectory(target)) throw new InvalidInputException("could not save " + target + ": it is a folder");
        Path tmp = null;
        try {
            try {
                Files.createDirectories(dir);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                throw new InvalidInputException("could not save " + target + ": " + e.getFile() + " is a file, not a folder");
            }
            removeStaleTemporaries(dir, target.getFileName().toString());
            try {
                tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            } catch (java.nio.file.AccessDeniedException e) {
                throw new InvalidInputException("could not save " + target + ": the folder " + dir + " is not writable (permission denied)");
            }
            keepPermissions(target, tmp);
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (InvalidInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String why = e instanceof IOException io ? TextFiles.reason(target, io) : e.getMessage() == null ? e.toString() : e.getMessage();
            throw new InvalidInputException("could not save " + target + ": " + why + " (the previous file, if any, is unchanged)");
        } finally {
            // One that cannot be deleted is left for removeStaleTemporaries on the next save here.
            if (tmp != null) deleteIfPossible(tmp);
        }
    }

    /**
     * Deletes {@code .NAME…tmp} files that a killed save of NAME left behind. Only old ones: a younger one
     * may belong to another window saving the same file right now.
     */
    static void removeStaleTemporaries(Path dir, String name) {
        java.time.Instant before = java.time.Instant.now().minus(STALE);
        try (var files = Files.newDirectoryStream(dir, p -> {
            String n = p.getFileName().toString();
            return n.startsWith("." + name) && n.endsWith(".tmp") && n.length() > name.length() + 5;
        })) {
            for (Path p : files) {
                try {
                    if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(p).toInstant().isBefore(before)) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException ignored) {
                    // Someone else's file, or already gone: not ours to insist on.
                }
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException ignored) {
            // An unreadable folder fails the save itself with a clear message; cleaning is a courtesy.
        }
    }

    /** Refuses to write {@code output} over one of the files the command is reading: that would destroy its input. */
    public static void refuseInput(Path output, java.util.Collection<Path> inputs) {
        for (Path in : inputs) {
            if (in != null && sameFile(output, in)) {
                throw new InvalidInputException("refusing to write " + output + ": it is " + in
                        + ", one of the files being read; choose another output");
            }
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) return Files.isSameFile(a, b);
        } catch (IOException ignored) {
            // Fall back to comparing the paths.
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** A temporary file is private (600); the saved file gets the old file's permissions, or 644. */
    private static void keepPermissions(Path target, Path tmp) throws IOException {
        if (!Files.getFileStore(tmp).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) return;
        Files.setPosixFilePermissions(tmp, Files.exists(target) ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }

    /**
     * Deletes {@code p} if it is there; one that cannot be deleted is left. For what is harmless to
     * leave: a save's temporary file (cleaned up later), an autosave copy (offered again at the next
     * start, and declinable) or a download's part (overwritten by the next full download).
     */
    static void deleteIfPossible(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // left in place; see above
        }
    }

    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
