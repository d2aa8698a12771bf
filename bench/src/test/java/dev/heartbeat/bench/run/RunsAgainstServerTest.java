package dev.heartbeat.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartbeat.bench.BenchMain;
import dev.heartbeat.server.HeartbeatServer;
import dev.heartbeat.server.config.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Small real runs against an in-process server: the whole path from connect to report works, and
 * on an unloaded server nothing is lost. Each run is a few seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class RunsAgainstServerTest {
    private HeartbeatServer server;

    @BeforeAll
    void startServer() {
        server = new HeartbeatServer(ServerConfig.builder().host("127.0.0.1").port(0).build()).start();
    }

    @AfterAll
    void stopServer() {
        if (server != null) server.close();
    }

    private JsonNode run(String... args) throws Exception {
        return run(server, args);
    }

    private static JsonNode run(HeartbeatServer target, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String url = "ws://127.0.0.1:" + target.port();
        String[] all = Stream.concat(Stream.of(args), Stream.of("--url", url, "--progress-ms", "0",
                "--pid", Long.toString(ProcessHandle.current().pid()))).toArray(String[]::new);
        int exit = BenchMain.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(all);
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("exit code; stderr: %s", err.toString(StandardCharsets.UTF_8)).isIn(0, LoadRun.EXIT_OVER_BUDGET);
        List<String> lines = stdout.lines().toList();
        assertThat(lines.get(0)).startsWith("== " + args[0] + " ==");
        return new ObjectMapper().readTree(lines.get(lines.size() - 1));
    }

    private static boolean check(JsonNode report, String name) {
        for (JsonNode check : report.get("checks")) {
            if (check.get("name").asText().equals(name)) return check.get("pass").asBoolean();
        }
        throw new AssertionError("no check named " + name + " in " + report);
    }

    @Test
    void fanoutDeliversEveryPulseToEveryOtherConnection() throws Exception {
        JsonNode report = run("fanout", "--space", "fan-test", "-v", "50", "-p", "3", "-r", "5",
                "-d", "2", "--warmup-s", "1", "--drain-s", "5");
        JsonNode results = report.get("results");

        assertThat(results.get("openAtStart").asLong()).isEqualTo(53);
        assertThat(results.get("pulsesSent").asLong()).isEqualTo(3 * 5 * 2);
        assertThat(results.get("expectedDeliveries").asLong()).isEqualTo(30 * 52);
        assertThat(results.get("delivered").asLong()).isEqualTo(30 * 52);
        assertThat(results.get("lost").asLong()).isZero();
        assertThat(results.get("latencyCount").asLong()).isEqualTo(30 * 52);
        assertThat(results.get("latencyP50Ms").asDouble()).isPositive();
        assertThat(results.get("serverCpuNsPerEvent").asLong()).isPositive();
        assertThat(check(report, "lost deliveries")).isTrue();
    }

    @Test
    void idleHoldsEveryConnectionFromSeveralSourceAddressesAndReportsMemoryPerConnection() throws Exception {
        // Two source addresses (127.0.0.1 and .2) take the path that lets a run pass 28,000 connections.
        JsonNode report = run("idle", "--space", "idle-test", "-n", "50", "-s", "1", "--budget-kib", "100000",
                "--source-addresses", "2");
        assertThat(report.get("params").get("sourceAddresses").asInt()).isEqualTo(2);
        JsonNode results = report.get("results");

        assertThat(results.get("welcomed").asLong()).isEqualTo(50);
        assertThat(results.get("survived").asLong()).isEqualTo(50);
        assertThat(results.get("connectFailures").asLong()).isZero();
        assertThat(results.has("serverKiBPerConnection")).isTrue();
        assertThat(check(report, "connections survived the hold")).isTrue();
    }

    @Test
    void idleConnectionsAnswerPingsSoTheyOutliveTheServersIdleTimeout() throws Exception {
        // The client takes raw frames (to read text as bytes), so it answers pings itself: without
        // pongs this server would close every connection after one silent second.
        try (HeartbeatServer strict = new HeartbeatServer(ServerConfig.builder().host("127.0.0.1").port(0)
                .pingInterval(Duration.ofMillis(200)).idleTimeout(Duration.ofSeconds(1)).record(false).build()).start()) {
            JsonNode results = run(strict, "idle", "--space", "ping-test", "-n", "20", "-s", "3",
                    "--budget-kib", "100000").get("results");

            assertThat(results.get("welcomed").asLong()).isEqualTo(20);
            assertThat(results.get("survived").asLong()).isEqualTo(20);
            assertThat(results.get("closesByCode").size()).isZero();
        }
    }

    @Test
    void churnOpensAndClosesWithoutErrorsWhileWatchersStay() throws Exception {
        JsonNode report = run("churn", "--space", "churn-test", "-w", "10", "-c", "20", "-d", "1");
        JsonNode results = report.get("results");

        assertThat(results.get("churnStarted").asLong()).isEqualTo(20);
        assertThat(results.get("churnWelcomed").asLong()).isEqualTo(20);
        assertThat(results.get("churnErrors").asLong()).isZero();
        assertThat(results.get("watchersSurvived").asLong()).isEqualTo(10);
        assertThat(results.get("handshakeCount").asLong()).isEqualTo(20);
    }

    @Test
    void aTargetOffThisMachineIsRefusedBeforeAnySocketOpens() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = BenchMain.commandLine(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute("idle", "--url", "ws://192.0.2.1:8080", "-n", "1");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("loopback");
    }
}
