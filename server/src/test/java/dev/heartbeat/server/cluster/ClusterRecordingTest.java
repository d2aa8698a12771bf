package dev.heartbeat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.server.support.RedisProcess;
import dev.heartbeat.server.support.RunningServer;
import dev.heartbeat.server.support.TestViewer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** In a cluster exactly one node records a space at a time, and its file holds every node's events. */
class ClusterRecordingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void oneNodeRecordsTheSpaceWithThePulsesOfBothNodes() throws Exception {
        try (RedisProcess redis = RedisProcess.start();
             RunningServer nodeA = RunningServer.start(c -> c.capacity(4).redis(redis.uri()).nodeId("rec-a"));
             RunningServer nodeB = RunningServer.start(c -> c.capacity(4).redis(redis.uri()).nodeId("rec-b"))) {
            TestViewer a1 = TestViewer.join(nodeA.ws("filmed", "name=A1"));
            TestViewer b1 = TestViewer.join(nodeB.ws("filmed", "name=B1"));
            Thread.sleep(500); // both nodes have asked for the lease by now
            for (int i = 0; i < 3; i++) {
                a1.pulse();
                b1.next(Pulse.class);
                b1.pulse();
                a1.next(Pulse.class);
            }
            b1.close();
            b1.awaitClose();
            Thread.sleep(200);
            a1.close();
            a1.awaitClose();

            List<JsonNode> recordings = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 10_000;
            do {
                Thread.sleep(200);
                recordings.clear();
                for (RunningServer node : List.of(nodeA, nodeB)) {
                    JSON.readTree(node.get("/api/recordings").body()).get("recordings").forEach(recordings::add);
                }
            } while ((recordings.isEmpty() || recordings.stream().anyMatch(r -> r.path("live").asBoolean()))
                    && System.currentTimeMillis() < deadline);

            assertThat(recordings).as("recordings on both nodes").hasSize(1);
            assertThat(recordings.get(0).get("space").asText()).isEqualTo("filmed");
            assertThat(recordings.get(0).get("pulses").asInt()).isEqualTo(6);
            assertThat(recordings.get(0).get("membersSeen").asInt()).isEqualTo(2);
        }
    }
}
