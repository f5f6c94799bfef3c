package dev.attentionlab.io;

import dev.attentionlab.engine.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Fetches a GPT-2 checkpoint in the Hugging Face layout (the four files {@link Gpt2Checkpoint}
 * reads) into a folder of the user's data folder.
 *
 * <p>Each file is written to {@code NAME.part} and renamed only when whole, so a folder never holds
 * half a model under its real name. A stopped download (cancel, a dropped connection, a closed
 * laptop) keeps its part, and the next attempt asks only for the rest (an HTTP range). Hugging Face
 * publishes the SHA-256 of every large file in the {@code X-Linked-Etag} header of its answer; the
 * finished file is checked against it, and a part is thrown away if the published file changed in
 * between. Small files have no published SHA-256 and are checked by their announced length.
 */
public final class CheckpointDownload {
    /** One checkpoint on the Hub: its repository, and what the dialog says about it. */
    public record Source(String key, String repo, String title, String size, String about) {
        URI fileUri(String endpoint, String file) {
            return URI.create(endpoint + "/" + repo + "/resolve/main/" + file);
        }
    }

    public static final Source GPT2 = new Source("gpt2", "openai-community/gpt2", "GPT-2 small", "548 MB",
            "OpenAI's GPT-2 small (2019, MIT licence): 12 blocks of 12 heads, 768 wide, 124 M parameters, "
                    + "trained on 8 million web pages to predict the next token.");
    public static final Source DISTILGPT2 = new Source("distilgpt2", "distilbert/distilgpt2", "DistilGPT2", "353 MB",
            "Hugging Face's distilled GPT-2 (2019, Apache-2.0): 6 blocks of 12 heads, 768 wide, 82 M parameters, "
                    + "trained to imitate GPT-2 small; half the blocks to look through, the same vocabulary.");
    public static final List<Source> SOURCES = List.of(GPT2, DISTILGPT2);

    /** What a checkpoint folder holds; the weights last, so a folder with them is complete. */
    public static final List<String> FILES = List.of("config.json", "vocab.json", "merges.txt", "model.safetensors");

    /** Told how far a download is, after every chunk (on the downloading thread). */
    public interface Listener {
        /** @param index the file's place in {@link #FILES}; @param total its length, -1 when unknown */
        void progress(String file, int index, long done, long total);
    }

    /** The user stopped it; what arrived so far is kept for the next attempt. */
    public static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("download cancelled; what arrived so far is kept, and Download resumes it");
        }
    }

    private static final int CHUNK = 1 << 20;
    private static final int MAX_REDIRECTS = 5;
    /** Stops a download the user cancelled even while its connection is silent, by closing the connection. */
    private static final java.util.concurrent.ScheduledExecutorService WATCHDOG =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "attentionlab-download-watchdog");
                t.setDaemon(true);
                return t;
            });
    private final String endpoint;
    private final Duration stallLimit;

    /** @param endpoint the Hub's address without a trailing slash, e.g. {@link #defaultEndpoint()} */
    public CheckpointDownload(String endpoint) {
        this(endpoint, Duration.ofSeconds(30));
    }

    /** @param stallLimit how long a connection may send nothing before the attempt is given up (and kept) */
    public CheckpointDownload(String endpoint, Duration stallLimit) {
        this.stallLimit = stallLimit;
        this.endpoint = endpoint.replaceAll("/+$", "");
    }

    /**
     * {@code -Dattentionlab.hfEndpoint}, else {@code $HF_ENDPOINT} (the variable Hugging Face's own
     * tools read for a mirror), else the Hub itself.
     */
    public static String defaultEndpoint() {
        String explicit = System.getProperty("attentionlab.hfEndpoint");
        if (explicit != null && !explicit.isBlank()) return explicit;
        String env = System.getenv("HF_ENDPOINT");
        return env != null && !env.isBlank() ? env : "https://huggingface.co";
    }

    /** Where {@code source} goes in the user's data folder. */
    public static Path folderFor(Path dataFolder, Source source) {
        return dataFolder.resolve("models").resolve(source.key());
    }

    /** Whether every file of a checkpoint is in {@code folder} under its real name. */
    public static boolean isComplete(Path folder) {
        return FILES.stream().allMatch(f -> Files.isRegularFile(folder.resolve(f)));
    }

    /** Bytes already downloaded into {@code folder}, whole files and parts alike. */
    public static long bytesPresent(Path folder) {
        long n = 0;
        for (String f : FILES) n += sizeOf(folder.resolve(f)) + sizeOf(folder.resolve(f + ".part"));
        return n;
    }

    /**
     * Downloads what {@code folder} lacks of {@code source}. Files already whole are not asked for again.
     *
     * @throws Cancelled when {@code cancelled} turns true or the thread is interrupted
     * @throws InvalidInputException with one sentence for the user when it fails (offline, refused, corrupt)
     */
    public Path fetch(Source source, Path folder, Listener listener, BooleanSupplier cancelled) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new InvalidInputException("cannot create the folder " + folder + " (" + e.getMessage() + ")");
        }
        for (int i = 0; i < FILES.size(); i++) {
            String name = FILES.get(i);
            Path target = folder.resolve(name);
            if (Files.isRegularFile(target)) continue;
            int index = i;
            fetchFile(source.fileUri(endpoint, name), target, (done, total) -> listener.progress(name, index, done, total), cancelled, true);
        }
        return folder;
    }

    private interface FileProgress {
        void progress(long done, long total);
    }

    /** What the server says about the file before its bytes: published SHA-256 (or null) and full length (or -1). */
    private record Published(String sha256, long size) {
        /** @param first the first answer (Hugging Face's own, before any redirect); @param last the one with the bytes */
        static Published of(HttpURLConnection first, HttpURLConnection last, int status) {
            String sha = hex64(first.getHeaderField("X-Linked-Etag"));
            long size = first.getHeaderFieldLong("X-Linked-Size", -1);
            if (size < 0) size = fullLength(last, status);
            return new Published(sha, size);
        }

        /** The whole file's length from Content-Range ("bytes 10-99/100") or, for a 200, Content-Length. */
        private static long fullLength(HttpURLConnection r, int status) {
            String range = r.getHeaderField("Content-Range");
            if (range != null) {
                String total = range.substring(range.lastIndexOf('/') + 1).trim();
                return total.matches("\\d{1,18}") ? Long.parseLong(total) : -1;
            }
            return status == 200 ? r.getContentLengthLong() : -1;
        }

        private static String hex64(String etag) {
            if (etag == null) return null;
            String s = etag.replaceFirst("^W/", "").replace("\"", "").trim().toLowerCase(Locale.ROOT);
            return s.matches("[0-9a-f]{64}") ? s : null;
        }

        String line() {
            return (sha256 == null ? "-" : sha256) + " " + size;
        }

        /** What {@link #line()} wrote, or null for nothing readable. */
        static Published parse(String line) {
            if (line == null || !line.matches("(-|[0-9a-f]{64}) -?\\d{1,18}")) return null;
            String[] f = line.split(" ");
            return new Published(f[0].equals("-") ? null : f[0], Long.parseLong(f[1]));
        }
    }

    /**
     * One file into {@code target} through {@code target.part}. {@code mayRestart}: a part that no
     * longer belongs to the published file is thrown away and the file fetched again, once.
     */
    private void fetchFile(URI uri, Path target, FileProgress progress, BooleanSupplier cancelled, boolean mayRestart) {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        Path meta = target.resolveSibling(target.getFileName() + ".part.published");
        long have = sizeOf(part);
        Published known = Published.parse(readMeta(meta));
        if (known != null && have > 0 && have == known.size()) {
            // All of it arrived last time, but the check or the rename did not happen (the app was closed).
            finish(part, meta, target, known, Gpt2Checkpoint.sha256(part));
            return;
        }
        HttpURLConnection[] answers = open(uri, have);
        HttpURLConnection connection = answers[1];
        var watch = WATCHDOG.scheduleWithFixedDelay(() -> {
            if (cancelled.getAsBoolean()) connection.disconnect();
        }, 200, 200, java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            int status = connection.getResponseCode();
            Published published = Published.of(answers[0], connection, status);
            boolean stale = have > 0 && known != null && !known.equals(published);
            if (status == 416 || stale || (status == 206 && !startsAt(connection, have))) {
                // The part is not the start of the file the server has now (or is already all of it and
                // more): only starting over gives a file that matches the published one.
                if (!mayRestart) throw new InvalidInputException("the server keeps refusing to resume " + target.getFileName() + "; delete " + part + " and try again");
                connection.disconnect();
                AtomicFiles.deleteIfPossible(part);
                AtomicFiles.deleteIfPossible(meta);
                fetchFile(uri, target, progress, cancelled, false);
                return;
            }
            if (status == 404) throw new InvalidInputException(uri + " was not found (HTTP 404): is the model's name right?");
            if (status == 401 || status == 403) throw new InvalidInputException(uri + " refused access (HTTP " + status + ")");
            if (status != 200 && status != 206) throw new InvalidInputException("the server answered HTTP " + status + " for " + uri);
            if (status == 200) have = 0; // a server that ignores ranges sends it all again
            AtomicFiles.writeString(meta, published.line());
            Written written;
            try (InputStream body = connection.getInputStream()) {
                written = copy(body, part, status == 206, have, published.size(), progress, cancelled, target);
            }
            have = written.length();
            if (published.size() >= 0 && have != published.size()) {
                throw new InvalidInputException("the download of " + target.getFileName() + " ended at " + have + " of "
                        + published.size() + " bytes; what arrived is kept, and Download resumes it");
            }
            finish(part, meta, target, published, written.sha256());
        } catch (IOException e) {
            throw stopped(uri, target, e, cancelled);
        } finally {
            watch.cancel(false);
            connection.disconnect();
        }
    }

    /**
     * Asks for {@code uri} from byte {@code from} on, following redirects by hand: Hugging Face's
     * checksum is on its own answer, not on the storage's that the redirect leads to.
     *
     * @return the first answer and the last (the same one when there was no redirect)
     */
    private HttpURLConnection[] open(URI uri, long from) {
        HttpURLConnection first = null;
        URI at = uri;
        try {
            for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
                HttpURLConnection c = (HttpURLConnection) at.toURL().openConnection();
                c.setInstanceFollowRedirects(false);
                c.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, stallLimit.toMillis()));
                c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, stallLimit.toMillis()));
                c.setRequestProperty("User-Agent", "AttentionLab");
                c.setRequestProperty("Accept-Encoding", "identity");
                if (from > 0) c.setRequestProperty("Range", "bytes=" + from + "-");
                int status = c.getResponseCode();
                if (first == null) first = c;
                String location = c.getHeaderField("Location");
                if (status < 300 || status >= 400 || status == 304 || location == null) return new HttpURLConnection[] {first, c};
                at = at.resolve(location);
            }
        } catch (UnknownHostException | ConnectException | java.net.NoRouteToHostException | java.net.SocketTimeoutException e) {
            throw offline(at);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException("cannot download " + at + " (" + e.getMessage() + ")");
        }
        throw new InvalidInputException(uri + " redirects more than " + MAX_REDIRECTS + " times");
    }

    /** Checks a whole part against what was published, and gives it its real name. */
    private static void finish(Path part, Path meta, Path target, Published published, String got) {
        if (published.sha256() != null) {
            if (!got.equals(published.sha256())) {
                AtomicFiles.deleteIfPossible(part);
                AtomicFiles.deleteIfPossible(meta);
                throw new InvalidInputException("the downloaded " + target.getFileName() + " has SHA-256 " + got
                        + ", not the published " + published.sha256() + "; it was deleted, so Download fetches it anew");
            }
        }
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new InvalidInputException("cannot rename " + part + " to " + target.getFileName() + " (" + e.getMessage() + ")");
        }
        AtomicFiles.deleteIfPossible(meta);
    }

    private static InvalidInputException offline(URI uri) {
        return new InvalidInputException("cannot reach " + uri.getHost() + ": this computer seems to be offline. "
                + "What was downloaded so far is kept, and Download resumes it once you are online");
    }

    private static RuntimeException stopped(URI uri, Path file, IOException e, BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) return new Cancelled();
        if (e instanceof java.net.SocketTimeoutException) {
            return new InvalidInputException("the download of " + file.getFileName() + " stalled: " + uri.getHost()
                    + " sent nothing for a while; what arrived is kept, and Download resumes it");
        }
        return new InvalidInputException("the download of " + file.getFileName() + " stopped (" + e.getMessage()
                + "); what arrived is kept, and Download resumes it");
    }

    private static boolean startsAt(HttpURLConnection r, long have) {
        String range = r.getHeaderField("Content-Range");
        return range != null && range.matches("bytes " + have + "-\\d+/(\\d+|\\*)");
    }

    /** Appends (or writes anew) {@code body} to {@code part}. @return the part's length afterwards */
    /** A part as written: its length, and the SHA-256 of all of it (hex). */
    private record Written(long length, String sha256) {}

    /**
     * Appends (or writes anew) {@code body} to {@code part}, hashing as it writes: a resumed part's
     * earlier bytes are read once to start the digest, and the finished file is not read again to check it.
     */
    private static Written copy(InputStream body, Path part, boolean append, long have, long total, FileProgress progress,
                                BooleanSupplier cancelled, Path target) throws IOException {
        byte[] buffer = new byte[CHUNK];
        long done = have;
        java.security.MessageDigest digest;
        try {
            digest = append ? Gpt2Checkpoint.sha256Of(part) : java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
        try (OutputStream out = new java.security.DigestOutputStream(Files.newOutputStream(part, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING), digest)) {
            progress.progress(done, total);
            int n;
            while ((n = body.read(buffer)) > 0) {
                if (cancelled.getAsBoolean()) throw new Cancelled();
                out.write(buffer, 0, n);
                done += n;
                if (total >= 0 && done > total) {
                    throw new InvalidInputException("the server sent more of " + target.getFileName() + " than the " + total + " bytes it announced");
                }
                progress.progress(done, total);
            }
        }
        return new Written(done, java.util.HexFormat.of().formatHex(digest.digest()));
    }

    /** A file's length; 0 for none (or one that vanished while we looked). */
    private static long sizeOf(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String readMeta(Path meta) {
        try {
            return Files.isRegularFile(meta) ? Files.readString(meta, StandardCharsets.UTF_8).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

}
