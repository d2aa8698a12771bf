package dev.heartbeat.protocol.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The golden example frames under {@code src/test/resources/golden}, shared with other modules' tests. */
public final class GoldenMessages {
    public static final List<String> SERVER = List.of(
            "welcome", "welcome-waiting", "join", "leave", "pulse", "rename", "status", "waiting",
            "announce", "pong", "error", "batch");
    public static final List<String> CLIENT = List.of("pulse", "pulse-strength", "ping", "rename");

    private GoldenMessages() {}

    public static String server(String name) {
        return read("/golden/server/" + name + ".json");
    }

    public static String client(String name) {
        return read("/golden/client/" + name + ".json");
    }

    public static String read(String resource) {
        try (InputStream in = GoldenMessages.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException("no golden resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
