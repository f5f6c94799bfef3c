package dev.attentionlab.io;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the Hugging Face Hub on 127.0.0.1, answering as the real one does: small files
 * straight from {@code /REPO/resolve/main/FILE}; the weights through a redirect whose answer carries
 * {@code X-Linked-Etag} (their SHA-256) and {@code X-Linked-Size}, to a store that honours ranges.
 * Switches make it misbehave the ways a real network does.
 */
public final class HubStub implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, Path> repos = new ConcurrentHashMap<>();
    /** Every request's path and Range header ("-" for none), in order. */
    public final List<String> requests = new CopyOnWriteArrayList<>();
    /** Drop the connection after this many bytes of the next weights answer (then behave again); -1: never. */
    public volatile long dropAfter = -1;
    /** Publish this SHA-256 instead of the true one. */
    public volatile String publishedSha;
    /** Pause this long after every 64 KiB sent, so a test can cancel midway. */
    public volatile int pauseMillis;

    private static final Pattern RESOLVE = Pattern.compile("/(.+)/resolve/main/([^/]+)");
    private static final Pattern STORE = Pattern.compile("/store/(.+)/([^/]+)");

    public HubStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hub-stub");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** Serves {@code folder}'s files as repository {@code repo} (e.g. "openai-community/gpt2"). */
    public HubStub serve(String repo, Path folder) {
        repos.put(repo, folder);
        return this;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        requests.add(path + " " + x.getRequestHeaders().getOrDefault("Range", List.of("-")).get(0));
        Matcher resolve = RESOLVE.matcher(path);
        Matcher store = STORE.matcher(path);
        Path file;
        if (resolve.matches() && (file = file(resolve.group(1), resolve.group(2))) != null) {
            if (file.getFileName().toString().endsWith(".safetensors")) {
                String sha = publishedSha != null ? publishedSha : Gpt2Checkpoint.sha256(file);
                x.getResponseHeaders().add("X-Linked-Etag", "\"" + sha + "\"");
                x.getResponseHeaders().add("X-Linked-Size", Long.toString(Files.size(file)));
                x.getResponseHeaders().add("Location", "/store/" + resolve.group(1) + "/" + resolve.group(2));
                x.sendResponseHeaders(302, -1);
                x.close();
                return;
            }
            send(x, file);
        } else if (store.matches() && (file = file(store.group(1), store.group(2))) != null) {
            send(x, file);
        } else {
            x.sendResponseHeaders(404, -1);
            x.close();
        }
    }

    private Path file(String repo, String name) {
        Path folder = repos.get(repo);
        Path f = folder == null ? null : folder.resolve(name);
        return f != null && Files.isRegularFile(f) ? f : null;
    }

    private void send(HttpExchange x, Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int from = 0;
        String range = x.getRequestHeaders().getFirst("Range");
        if (range != null) {
            from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
            if (from >= all.length) {
                x.getResponseHeaders().add("Content-Range", "bytes */" + all.length);
                x.sendResponseHeaders(416, -1);
                x.close();
                return;
            }
            x.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (all.length - 1) + "/" + all.length);
        }
        x.sendResponseHeaders(range != null ? 206 : 200, all.length - from);
        long drop = file.getFileName().toString().endsWith(".safetensors") ? dropAfter : -1;
        if (drop >= 0) dropAfter = -1;
        try (OutputStream out = x.getResponseBody()) {
            for (int at = from; at < all.length; at += 1 << 16) {
                int n = Math.min(1 << 16, all.length - at);
                if (drop >= 0 && at - from + n > drop) {
                    out.write(all, at, (int) Math.max(0, drop - (at - from)));
                    out.flush();
                    throw new IOException("stub: connection dropped on purpose");
                }
                out.write(all, at, n);
                out.flush();
                if (pauseMillis > 0) sleep(pauseMillis);
            }
        } catch (IOException dropped) {
            // Closing short of the promised length makes the server cut the connection: to the client,
            // a dropped download.
        }
    }

    private static void sleep(int ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
