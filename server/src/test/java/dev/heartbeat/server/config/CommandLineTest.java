package dev.heartbeat.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.server.support.ServerProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineTest {
    private static ServerConfig parse(Map<String, String> environment, String... args) {
        ServerOptions options = new ServerOptions();
        ServerOptions.commandLine(options, args, environment).parseArgs(args);
        return options.toConfig();
    }

    @Test
    void defaultsAreTheContracts() {
        ServerConfig config = parse(Map.of());
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.capacity()).isEqualTo(5);
        assertThat(config.batchMs()).isEqualTo(16);
        assertThat(config.pulsesPerSecond()).isEqualTo(10);
        assertThat(config.maxMessageBytes()).isEqualTo(1024);
        assertThat(config.pingInterval()).isEqualTo(Duration.ofSeconds(25));
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.resumeGrace()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.adminToken()).isEmpty();
        assertThat(config.warmUp()).isEqualTo(Duration.ofSeconds(90));
        assertThat(ServerConfig.builder().build().warmUp()).as("embedded").isZero();
    }

    @Test
    void optionsWinOverEnvironmentVariablesWhichWinOverDefaults() {
        Map<String, String> environment = Map.of("HEARTBEAT_CAPACITY", "9", "HEARTBEAT_BATCH_MS", "0",
                "HEARTBEAT_ADMIN_TOKEN", "tok", "HEARTBEAT_ALLOWED_ORIGINS", "https://a.example,https://b.example");
        ServerConfig config = parse(environment, "--capacity", "3", "--ping-interval", "10s", "--idle-timeout", "PT30S");
        assertThat(config.capacity()).isEqualTo(3);
        assertThat(config.batchMs()).isZero();
        assertThat(config.adminToken()).contains("tok");
        assertThat(config.allowedOrigins()).isEqualTo(List.of("https://a.example", "https://b.example"));
        assertThat(config.pingInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aBadValueIsOneClearLineAndExitCodeTwo() throws Exception {
        assertRefused("must be between|capacity must be at least 1", "--capacity", "0");
        assertRefused("'--port': 'eighty'", "--port", "eighty");
        assertRefused("idle timeout must be longer than the ping interval", "--ping-interval", "60s", "--idle-timeout", "30s");
        assertRefused("'soon' is not a duration", "--idle-timeout", "soon");
        assertRefused("Unknown option: '--colour'", "--colour");
        assertRefused("redis must be a URI", "--redis", "localhost:6379");
        assertRefused("recordings-keep|keep", "--recordings-keep", "forever");
        assertRefused("'--log-format': expected one of \\[TEXT, JSON\\]", "--log-format", "xml");
        assertRefused("'--log-level'", "--log-level", "LOUD");
        assertRefused("warm-up must not be negative", "--warm-up", "PT-1S");
    }

    @Test
    void helpShowsEveryOptionWithItsDefault() throws Exception {
        try (ServerProcess help = ServerProcess.start("--help")) {
            assertThat(help.awaitExit()).isZero();
            String text = String.join("\n", help.output());
            assertThat(text).contains("--batch-ms", "default: 16", "--capacity", "default: 5", "--admin-token",
                    "--allowed-origins", "--max-connections", "--idle-timeout", "default: 60s",
                    "--config=FILE", "--log-format=FORMAT", "default: text", "--log-level=LEVEL", "default: INFO",
                    "HEARTBEAT_BATCH_MS", "/health/ready", "/metrics");
        }
    }

    private static void assertRefused(String expected, String... args) throws Exception {
        try (ServerProcess refused = ServerProcess.start(args)) {
            assertThat(refused.awaitExit()).isEqualTo(2);
            assertThat(refused.output()).hasSize(1);
            assertThat(refused.output().get(0)).startsWith("heartbeat-server: ").containsPattern(expected);
        }
    }
}
