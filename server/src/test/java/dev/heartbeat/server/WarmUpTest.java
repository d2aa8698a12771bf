package dev.heartbeat.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.protocol.message.MemberStatus;
import dev.heartbeat.server.support.RunningServer;
import dev.heartbeat.server.support.ServerProcess;
import dev.heartbeat.server.support.TestViewer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WarmUpTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aWarmingNodeIsNotReadyYetServesVisitorsAndLeavesNoTrace() throws Exception {
        Path recordings = Files.createTempDirectory("heartbeat-recordings");
        try (RunningServer server = RunningServer.start(c -> c.warmUp(Duration.ofSeconds(3)).recordingsFolder(recordings))) {
            HttpResponse<String> warming = server.get("/health/ready");
            assertThat(warming.statusCode()).isEqualTo(503);
            assertThat(warming.body()).contains("\"warm-up\":\"warming up");
            assertThat(server.get("/health/live").statusCode()).as("live while warming").isEqualTo(200);

            // Not ready is advice to a load balancer: whoever comes anyway is served.
            TestViewer early = TestViewer.join(server.ws("lobby"));
            assertThat(early.welcome().status()).isEqualTo(MemberStatus.ACTIVE);
            early.pulse(); // a session with nothing in it is not kept

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (server.get("/health/ready").statusCode() != 200) {
                assertThat(System.nanoTime()).as("ready after the warm-up").isLessThan(deadline);
                Thread.sleep(100);
            }
            assertThat(server.get("/api/spaces").body()).contains("lobby").doesNotContain("warm-up");
            early.close();
        }
        assertThat(files(recordings)).isNotEmpty().allMatch(name -> name.contains("lobby"));
    }

    @Test
    void theJarReportsReadyOnceWarmedUpAndSaysWhatItRan() throws Exception {
        try (ServerProcess node = ServerProcess.start("--host", "127.0.0.1", "--port", "0", "--no-record", "--warm-up", "2s")) {
            URI ready = URI.create("http://127.0.0.1:" + node.port() + "/health/ready");
            assertThat(status(ready)).as("right after start").isEqualTo(503);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (status(ready) != 200) {
                assertThat(System.nanoTime()).as("ready after the warm-up").isLessThan(deadline);
                Thread.sleep(100);
            }
            assertThat(node.output()).anyMatch(line -> line.matches(".*warmed up in \\d+ ms with [1-9]\\d* connections \\(.*\\); ready.*"));
        }
    }

    @Test
    void aNodeStoppedWhileWarmingUpStopsAtOnceAndCleanly() throws Exception {
        try (ServerProcess node = ServerProcess.start("--host", "127.0.0.1", "--port", "0", "--no-record", "--warm-up", "60s")) {
            URI ready = URI.create("http://127.0.0.1:" + node.port() + "/health/ready");
            assertThat(status(ready)).as("warming up").isEqualTo(503);
            long stopping = System.nanoTime();
            node.process().toHandle().destroy(); // SIGTERM
            assertThat(node.awaitExit()).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - stopping)).as("time to stop").isLessThan(Duration.ofSeconds(20));
            assertThat(node.output()).anyMatch(line -> line.contains("stopped"));
        }
    }

    private static int status(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static List<String> files(Path folder) throws IOException {
        try (Stream<Path> listed = Files.list(folder)) {
            return listed.map(path -> path.getFileName().toString()).filter(name -> name.contains(".hbrec")).toList();
        }
    }
}
