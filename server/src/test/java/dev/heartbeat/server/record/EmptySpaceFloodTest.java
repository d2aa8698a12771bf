package dev.heartbeat.server.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.server.support.RunningServer;
import dev.heartbeat.server.support.TestViewer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Opening and closing sockets on many new space names cannot wipe the archive. */
class EmptySpaceFloodTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fortyEmptySpacesNeitherEvictARealSessionNorAreKept() throws Exception {
        // A short grace: a socket the client drops without a close handshake keeps its space that long.
        try (RunningServer server = RunningServer.start(c -> c.recordingsKeep(RecordingRetention.parse("20"))
                .resumeGrace(java.time.Duration.ofMillis(500)))) {
            TestViewer ada = TestViewer.join(server.ws("evening", "name=Ada"));
            TestViewer bo = TestViewer.join(server.ws("evening", "name=Bo"));
            for (int i = 0; i < 3; i++) {
                ada.pulse();
                bo.next(Pulse.class);
            }
            ada.close();
            bo.close();
            bo.awaitClose();
            awaitRecordings(server, 1);

            int refused = 0;
            for (int i = 0; i < 40; i++) {
                if (!openAndClose(server, "flood-" + i)) refused++;
            }
            assertThat(refused).as("past 30 new spaces a minute from one address").isPositive();
            long deadline = System.currentTimeMillis() + 10_000;
            while (server.get("/api/spaces").body().contains("flood-") && System.currentTimeMillis() < deadline) Thread.sleep(50);
            Thread.sleep(500); // the recorder finishes the flood's sessions

            List<String> spaces = new ArrayList<>();
            JSON.readTree(server.get("/api/recordings").body()).get("recordings").forEach(r -> spaces.add(r.get("space").asText()));
            assertThat(spaces).containsExactly("evening");
        }
    }

    /** @return false when the upgrade was refused */
    private static boolean openAndClose(RunningServer server, String space) {
        try {
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws/" + space), new WebSocket.Listener() {})
                    .join();
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
            return true;
        } catch (CompletionException e) {
            assertThat(((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(429);
            return false;
        }
    }

    private static void awaitRecordings(RunningServer server, int count) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode list = JSON.readTree(server.get("/api/recordings").body()).get("recordings");
            long finished = 0;
            for (JsonNode recording : list) if (!recording.path("live").asBoolean()) finished++;
            if (finished >= count) return;
            Thread.sleep(50);
        }
        throw new AssertionError("the recording was not finished in time");
    }
}
