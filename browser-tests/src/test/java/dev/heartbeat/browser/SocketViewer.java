package dev.heartbeat.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A viewer that is a program, not a page: a real WebSocket client (the JDK's) that joins a space,
 * pulses and leaves when a test says so. Batches are unpacked, so {@link #await} sees single events.
 */
final class SocketViewer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;
    private final JsonNode welcome;

    private SocketViewer(int port, String space, String name, Duration timeout) {
        URI uri = URI.create("ws://localhost:" + port + "/ws/" + space + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        socket = HTTP.newWebSocketBuilder().connectTimeout(timeout).buildAsync(uri, new Listener()).join();
        welcome = await("welcome", timeout, event -> "welcome".equals(event.path("type").asText()));
    }

    /** Connects and waits for the welcome. */
    static SocketViewer join(int port, String space, String name, Duration timeout) {
        return new SocketViewer(port, space, name, timeout);
    }

    String id() {
        return welcome.path("you").path("id").asText();
    }

    /** {@code active} or {@code waiting}, as the welcome said. */
    String statusAtWelcome() {
        return welcome.path("status").asText();
    }

    void pulse() {
        socket.sendText("{\"type\":\"pulse\"}", true).join();
    }

    /** Waits for an event (or the welcome) matching {@code condition}, looking at what came before too. */
    JsonNode await(String what, Duration timeout, Predicate<JsonNode> condition) {
        synchronized (seen) {
            for (JsonNode event : seen) if (condition.test(event)) return event;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                JsonNode event = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (event == null) throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; saw " + seenSoFar());
                if (condition.test(event)) return event;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }

    private String seenSoFar() {
        synchronized (seen) {
            return seen.toString();
        }
    }

    /** Leaves with a close frame (the server's reason {@code closed}) and waits for the server's answer. */
    @Override
    public void close() {
        if (!socket.isOutputClosed()) socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        try {
            closed.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            socket.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode node = JSON.readTree(frame);
                    List<JsonNode> events = new ArrayList<>();
                    if ("batch".equals(node.path("type").asText())) node.path("events").forEach(events::add);
                    else events.add(node);
                    synchronized (seen) {
                        seen.addAll(events);
                    }
                    received.addAll(events);
                } catch (IOException e) {
                    throw new UncheckedIOException("the server sent a frame that is not JSON: " + frame, e);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
