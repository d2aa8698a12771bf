package dev.heartbeat.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.protocol.recording.RecordingReader;
import dev.heartbeat.server.support.RunningServer;
import dev.heartbeat.server.support.TestViewer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Recording is on by default: a session is recorded, listed, downloadable and playable at /replay. */
class RecordingRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PULSES = 18;

    @Test
    void aSpaceSessionIsRecordedListedAndServedToThePlayer() throws Exception {
        try (RunningServer server = RunningServer.start(c -> c.capacity(2))) {
            TestViewer ada = TestViewer.join(server.ws("evening", "name=Ada"));
            TestViewer bo = TestViewer.join(server.ws("evening", "name=Bo"));
            for (int i = 0; i < PULSES; i++) { // enough lines to pass the server's threshold for compressing
                ada.pulse();
                bo.next(Pulse.class);
                Thread.sleep(100); // within the 10 pulses a second a viewer may send
            }
            ada.close();
            bo.close();
            bo.awaitClose();

            JsonNode recording = awaitRecording(server);
            String id = recording.get("id").asText();
            assertThat(id).startsWith("evening-");
            assertThat(recording.get("space").asText()).isEqualTo("evening");
            assertThat(recording.get("pulses").asInt()).isEqualTo(PULSES);
            assertThat(recording.get("membersSeen").asInt()).isEqualTo(2);

            HttpResponse<byte[]> download = server.send(HttpRequest.newBuilder(server.http("/api/recordings/" + id)),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body().length).isGreaterThan(1500); // Javalin compresses from 1500 bytes
            try (RecordingReader reader = new RecordingReader(new ByteArrayInputStream(download.body()), id)) {
                assertThat(reader.header().space()).isEqualTo("evening");
            }

            // Browsers ask for compressed answers; the file must still arrive whole, as stored.
            HttpResponse<byte[]> asBrowser = server.send(HttpRequest.newBuilder(server.http("/api/recordings/" + id))
                    .header("Accept-Encoding", "gzip, deflate, br"), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(asBrowser.statusCode()).isEqualTo(200);
            assertThat(asBrowser.body()).isEqualTo(download.body());

            HttpResponse<String> player = server.get("/replay/" + id);
            assertThat(player.statusCode()).isEqualTo(200);
            assertThat(player.headers().firstValue("Content-Security-Policy")).isPresent();
            assertThat(player.body()).contains("<html");
            assertThat(server.get("/api/recordings/..%2F..%2Fetc%2Fpasswd").statusCode()).isIn(400, 404);
        }
    }

    @Test
    void withNoRecordNothingIsWrittenButTheListStillAnswers() throws Exception {
        try (RunningServer server = RunningServer.start(c -> c.record(false))) {
            TestViewer viewer = TestViewer.join(server.ws("quiet"));
            viewer.close();
            Thread.sleep(300);
            assertThat(JSON.readTree(server.get("/api/recordings").body()).get("recordings")).isEmpty();
        }
    }

    private static JsonNode awaitRecording(RunningServer server) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            JsonNode list = JSON.readTree(server.get("/api/recordings").body()).get("recordings");
            for (JsonNode recording : list) {
                if (!recording.path("live").asBoolean(false) && recording.get("pulses").asInt() == PULSES) return recording;
            }
            if (System.currentTimeMillis() > deadline) throw new AssertionError("no finished recording: " + list);
            Thread.sleep(100);
        }
    }
}
