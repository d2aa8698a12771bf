package dev.heartbeat.desktop.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/** Another viewer of the space, speaking plain JSON over Java-WebSocket; batches arrive as single events. */
public final class TestClient extends WebSocketClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    private volatile JsonNode welcome;

    private TestClient(URI uri) {
        super(uri);
    }

    /** Connects as {@code name} to {@code space} and waits for the welcome. */
    public static TestClient join(TestServer server, String space, String name) throws Exception {
        TestClient client = new TestClient(URI.create(server.url() + "/ws/" + space + "?name=" + name));
        if (!client.connectBlocking(5, TimeUnit.SECONDS)) throw new IllegalStateException("cannot connect to " + server.url());
        client.welcome = client.await(e -> "welcome".equals(e.path("type").asText()), Duration.ofSeconds(5));
        return client;
    }

    public JsonNode welcome() {
        return welcome;
    }

    public String id() {
        return welcome.path("you").path("id").asText();
    }

    public void pulse() {
        send("{\"type\":\"pulse\"}");
    }

    /** The first event (from now on, or already received and not yet taken) that matches. */
    public synchronized JsonNode await(Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
        for (JsonNode e : seen) {
            if (wanted.test(e)) {
                seen.remove(e);
                return e;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            if (e == null) throw new AssertionError("no matching event within " + timeout + "; other events: " + seen);
            if (wanted.test(e)) return e;
            seen.add(e);
        }
    }

    @Override
    public void onOpen(ServerHandshake handshake) {}

    @Override
    public void onMessage(String text) {
        try {
            JsonNode frame = JSON.readTree(text);
            if ("batch".equals(frame.path("type").asText())) {
                frame.path("events").forEach(events::add);
            } else {
                events.add(frame);
            }
        } catch (Exception e) {
            throw new IllegalStateException("server sent something that is not JSON: " + text, e);
        }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {}

    @Override
    public void onError(Exception e) {}
}
