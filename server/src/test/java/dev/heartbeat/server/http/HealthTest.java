package dev.heartbeat.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartbeat.server.support.RedisProcess;
import dev.heartbeat.server.support.RunningServer;
import dev.heartbeat.server.support.TestViewer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir Path dir;

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out waiting until " + what);
            Thread.sleep(20);
        }
    }

    @Test
    void aFreshServerIsLiveAndReady() {
        try (RunningServer server = RunningServer.start(c -> c)) {
            for (String path : new String[] {"/health/live", "/health/ready", "/health"}) {
                HttpResponse<String> response = server.get(path);
                assertThat(response.statusCode()).as(path).isEqualTo(200);
                assertThat(json(response).toString()).as(path).isEqualTo("{\"status\":\"ok\"}");
            }
        }
    }

    @Test
    void aRecordingDiskProblemIsReportedButKeepsTheNodeInTheLoadBalancer() throws Exception {
        Path blocked = Files.writeString(dir.resolve("recordings"), "a file where the folder should be");
        try (RunningServer server = RunningServer.start(c -> c.recordingsFolder(blocked))) {
            await(() -> server.get("/health/ready").body().contains("recordings"), "the recording problem is reported");
            HttpResponse<String> ready = server.get("/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(json(ready).get("status").asText()).isEqualTo("ok");
            assertThat(json(ready).get("warnings").get("recordings").asText()).contains("recordings folder");
            assertThat(server.get("/health").statusCode()).isEqualTo(200);
            assertThat(server.get("/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aDrainingNodeIsLiveButNotReady() throws Exception {
        RunningServer server = RunningServer.start(c -> c.batchMs(1000).recordingsFolder(dir));
        int port = server.port(); // the server forgets it once its connector stops
        TestViewer ada = TestViewer.join(server.ws("lobby"));
        Thread.sleep(1200); // Ada's first window has closed
        // Bo's join opens a new 1 s window on Ada's connection; the drain waits for it before the 1001.
        TestViewer bo = TestViewer.join(server.ws("lobby"));
        // Ask all three in turn until the server stops answering: the drain is short, and this
        // machine may be slow, so nothing is asked after a first answer that could come too late.
        List<String> answers = new ArrayList<>();
        // A thread of its own, as the signal handler's; the common pool is where the server closes sockets.
        Thread stopping = new Thread(server::close, "stopping");
        stopping.start();
        try {
            while (true) {
                for (String path : List.of("/health/ready", "/health/live", "/health")) {
                    HttpResponse<String> answer = get(port, path);
                    answers.add(path + " " + answer.statusCode() + " " + answer.body());
                }
            }
        } catch (AssertionError stopped) {
            // connection refused: the connector has stopped
        }
        stopping.join(10_000);
        // The request in progress when the connector stops may get Jetty's own 500 for the end of its
        // connection (EofException, seen on JDK 25): that is the socket closing, not the health check.
        if (!answers.isEmpty() && answers.get(answers.size() - 1).contains(" 500 ")
                && answers.get(answers.size() - 1).contains("EofException")) {
            answers.remove(answers.size() - 1);
        }
        int firstNotReady = answers.indexOf(answers.stream()
                .filter(a -> a.startsWith("/health/ready 503 ")).findFirst().orElseThrow(() -> new AssertionError(answers)));
        assertThat(answers.get(firstNotReady)).contains("\"server\":\"shutting down\"");
        List<String> draining = answers.subList(firstNotReady, answers.size());
        assertThat(draining).as("while draining").filteredOn(a -> a.startsWith("/health/live ")).isNotEmpty()
                .allMatch(a -> a.startsWith("/health/live 200 "));
        assertThat(draining).filteredOn(a -> a.startsWith("/health/ready ")).allMatch(a -> a.startsWith("/health/ready 503 "));
        assertThat(draining).filteredOn(a -> a.startsWith("/health ")).allMatch(a -> a.startsWith("/health 503 "));
        ada.close();
        bo.close();
    }

    private static HttpResponse<String> get(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aNodeThatCannotReachRedisIsLiveButNotReady() throws Exception {
        try (RedisProcess redis = RedisProcess.start();
             RunningServer server = RunningServer.start(c -> c.redis(redis.uri()).recordingsFolder(dir))) {
            assertThat(server.get("/health/ready").statusCode()).isEqualTo(200);
            redis.kill();
            await(() -> server.get("/health/ready").statusCode() == 503, "the node without Redis is not ready");
            assertThat(json(server.get("/health/ready")).get("problems").has("redis")).isTrue();
            assertThat(server.get("/health/live").statusCode()).isEqualTo(200);
            redis.startAgain();
            await(() -> server.get("/health/ready").statusCode() == 200, "the node is ready again with Redis back");
        }
    }

    @Test
    void deadlockedThreadsMakeTheProcessNotLive() throws Exception {
        try (RunningServer server = RunningServer.start(c -> c.recordingsFolder(dir))) {
            ReentrantLock first = new ReentrantLock();
            ReentrantLock second = new ReentrantLock();
            CountDownLatch bothHoldOne = new CountDownLatch(2);
            Thread a = new Thread(() -> crossLock(first, second, bothHoldOne), "deadlock-a");
            Thread b = new Thread(() -> crossLock(second, first, bothHoldOne), "deadlock-b");
            a.start();
            b.start();
            try {
                await(() -> server.get("/health/live").statusCode() == 503, "the deadlock is found");
                JsonNode live = json(server.get("/health/live"));
                assertThat(live.get("problems").get("threads").asText()).contains("deadlock-a", "deadlock-b");
                assertThat(server.get("/health/ready").statusCode()).isEqualTo(503);
            } finally {
                a.interrupt(); // lockInterruptibly lets the test end its own deadlock
                b.interrupt();
                a.join(5_000);
                b.join(5_000);
            }
            assertThat(server.get("/health/live").statusCode()).isEqualTo(200);
        }
    }

    private static void crossLock(ReentrantLock mine, ReentrantLock theirs, CountDownLatch bothHoldOne) {
        mine.lock();
        try {
            bothHoldOne.countDown();
            bothHoldOne.await();
            theirs.lockInterruptibly();
            theirs.unlock();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            mine.unlock();
        }
    }
}
