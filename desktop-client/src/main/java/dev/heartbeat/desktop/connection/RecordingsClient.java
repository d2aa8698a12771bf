package dev.heartbeat.desktop.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartbeat.desktop.replay.RecordingOverview;
import dev.heartbeat.protocol.recording.Timeline;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The server's recordings API, as the viewer uses it to rewind a live space: the space's recording in
 * progress, its overview, and parts of it by time range. Blocking: call it off the FX thread.
 */
public final class RecordingsClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A recording being written: its id and when it started. */
    public record LiveRecording(String id, Instant startedAt) {}

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** @param server the socket address, {@code ws://host:port}; the API is on the same host and port */
    public RecordingsClient(URI server) {
        this.base = URI.create(("wss".equals(server.getScheme()) ? "https" : "http") + "://" + server.getRawAuthority());
    }

    /** The recording of {@code space} being written now; empty when the server records none. */
    public Optional<LiveRecording> live(String space) throws IOException, InterruptedException {
        JsonNode rows = JSON.readTree(get("/api/recordings?live=true&space=" + URLEncoder.encode(space, StandardCharsets.UTF_8), String.class))
                .path("recordings");
        for (JsonNode row : rows) {
            if (row.path("live").asBoolean() && space.equals(row.path("space").asText())) {
                return Optional.of(new LiveRecording(row.path("id").asText(), Instant.parse(row.path("start").asText())));
            }
        }
        return Optional.empty();
    }

    public RecordingOverview overview(String id) throws IOException, InterruptedException {
        return RecordingOverview.fromJson(JSON.readTree(get("/api/recordings/" + id + "/overview?buckets=" + RecordingOverview.BUCKETS, String.class)));
    }

    /** The lines with {@code from <= t < to}, after a snapshot of the state at {@code from}, as a timeline of their own. */
    public Timeline part(String id, long from, long to) throws IOException, InterruptedException {
        try (InputStream in = get("/api/recordings/" + id + "/events?from=" + from + "&to=" + to, InputStream.class)) {
            return Timeline.read(in, id);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T get(String path, Class<T> as) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).build();
        HttpResponse.BodyHandler<?> body = as == String.class ? HttpResponse.BodyHandlers.ofString() : HttpResponse.BodyHandlers.ofInputStream();
        HttpResponse<?> response = http.send(request, body);
        if (response.statusCode() != 200) {
            if (response.body() instanceof InputStream stream) stream.close();
            throw new IOException("GET " + path + ": HTTP " + response.statusCode());
        }
        return (T) response.body();
    }
}
