package dev.heartbeat.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartbeat.protocol.message.Announce;
import dev.heartbeat.server.support.RunningServer;
import dev.heartbeat.server.support.TestViewer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RunningServer server = RunningServer.start(config -> config.capacity(1).adminToken("s3cret"));
    private final List<TestViewer> viewers = new ArrayList<>();

    @AfterEach
    void stop() {
        viewers.forEach(TestViewer::close);
        server.close();
    }

    private TestViewer join(String space, String name) {
        TestViewer viewer = TestViewer.join(server.ws(space, "name=" + name));
        viewers.add(viewer);
        return viewer;
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> announce(String space, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.http("/api/spaces/" + space + "/announce"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) request.header("Authorization", authorization);
        return server.send(request);
    }

    @Test
    void spacesListTheirActiveAndWaitingCounts() throws Exception {
        join("lobby", "Ada");
        join("lobby", "Bo");
        join("studio", "Cy");
        JsonNode spaces = json(server.get("/api/spaces")).get("spaces");
        assertThat(spaces).hasSize(2);
        assertThat(spaces.get(0).get("space").asText()).isEqualTo("lobby");
        assertThat(spaces.get(0).get("active").asInt()).isEqualTo(1);
        assertThat(spaces.get(0).get("waiting").asInt()).isEqualTo(1);
        assertThat(spaces.get(0).get("capacity").asInt()).isEqualTo(1);
    }

    @Test
    void oneSpaceShowsItsMembersQueueAndCapacity() throws Exception {
        TestViewer ada = join("lobby", "Ada");
        join("lobby", "Bo");
        JsonNode space = json(server.get("/api/spaces/lobby"));
        assertThat(space.get("members")).hasSize(1);
        assertThat(space.get("members").get(0).get("id").asText()).isEqualTo(ada.id());
        assertThat(space.get("members").get(0).get("name").asText()).isEqualTo("Ada");
        assertThat(space.get("waiting").asInt()).isEqualTo(1);
        assertThat(space.get("capacity").asInt()).isEqualTo(1);
        assertThat(server.get("/api/spaces/nobody-here").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/spaces/Bad_Name").statusCode()).isEqualTo(400);
    }

    @Test
    void anAnnouncementWithTheAdminTokenReachesEveryoneInTheSpace() {
        TestViewer ada = join("lobby", "Ada");
        TestViewer bo = join("lobby", "Bo");
        HttpResponse<String> response = announce("lobby", "Bearer s3cret", "{\"text\":\"Closing at midnight\"}");
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(ada.next(Announce.class).text()).isEqualTo("Closing at midnight");
        assertThat(bo.next(Announce.class).text()).isEqualTo("Closing at midnight");
    }

    @Test
    void announcementsNeedTheRightTokenAndAReadableBody() {
        join("lobby", "Ada");
        assertThat(announce("lobby", null, "{\"text\":\"hi\"}").statusCode()).isEqualTo(401);
        assertThat(announce("lobby", "Bearer wrong", "{\"text\":\"hi\"}").statusCode()).isEqualTo(401);
        assertThat(announce("lobby", "Bearer s3cret", "hi").statusCode()).isEqualTo(400);
        assertThat(announce("lobby", "Bearer s3cret", "{\"text\":\"" + "x".repeat(281) + "\"}").statusCode()).isEqualTo(400);
        assertThat(announce("empty", "Bearer s3cret", "{\"text\":\"hi\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void announcementsAreDisabledWithoutAnAdminToken() {
        try (RunningServer open = RunningServer.start(c -> c)) {
            TestViewer viewer = TestViewer.join(open.ws("lobby"));
            viewers.add(viewer);
            HttpResponse<String> response = open.send(HttpRequest.newBuilder(open.http("/api/spaces/lobby/announce"))
                    .header("Authorization", "Bearer ")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hi\"}")));
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("--admin-token");
        }
    }

    @Test
    void healthSaysOk() throws Exception {
        HttpResponse<String> health = server.get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void metricsArePrometheusTextWithTheServersMeters() {
        TestViewer ada = join("lobby", "Ada");
        join("lobby", "Bo");
        ada.send("{\"type\":\"ping\",\"t\":1}");
        ada.next(dev.heartbeat.protocol.message.Pong.class);
        HttpResponse<String> metrics = server.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(metrics.body())
                .contains("heartbeat_connections 2.0")
                .contains("heartbeat_members_active 1.0")
                .contains("heartbeat_members_waiting 1.0")
                .contains("heartbeat_spaces 1.0")
                .contains("heartbeat_events_in_total{type=\"ping\"} 1.0")
                .contains("heartbeat_events_out_total")
                .containsPattern("heartbeat_frames_out_total [1-9]")
                .contains("heartbeat_pulses_dropped_total");
    }
}
