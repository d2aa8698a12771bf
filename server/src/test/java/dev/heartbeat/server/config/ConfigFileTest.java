package dev.heartbeat.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartbeat.protocol.message.Welcome;
import dev.heartbeat.server.support.ServerProcess;
import dev.heartbeat.server.support.TestViewer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @TempDir Path dir;

    private Path file(String... lines) throws Exception {
        return Files.write(dir.resolve("heartbeat.properties"), List.of(lines));
    }

    private static ServerConfig parse(Map<String, String> environment, String... args) {
        ServerOptions options = new ServerOptions();
        ServerOptions.commandLine(options, args, environment).parseArgs(args);
        return options.toConfig();
    }

    @Test
    void theFileSetsDefaultsThatVariablesAndOptionsOverride() throws Exception {
        Path config = file("# a comment", "capacity=7", "batch-ms=0", "max-queue=3", "no-record=true",
                "allowed-origins=https://a.example,https://b.example", "ping-interval=10s", "idle-timeout=40s");
        ServerConfig parsed = parse(Map.of("HEARTBEAT_BATCH_MS", "5"), "--config", config.toString(), "--max-queue", "9");
        assertThat(parsed.capacity()).as("from the file").isEqualTo(7);
        assertThat(parsed.batchMs()).as("the variable wins over the file").isEqualTo(5);
        assertThat(parsed.maxQueue()).as("the option wins over both").isEqualTo(9);
        assertThat(parsed.record()).isFalse();
        assertThat(parsed.allowedOrigins()).containsExactly("https://a.example", "https://b.example");
        assertThat(parsed.idleTimeout()).hasSeconds(40);
        assertThat(parsed.port()).as("what no one sets keeps its default").isEqualTo(8080);
    }

    @Test
    void heartbeatConfigNamesTheFileToo() throws Exception {
        Path config = file("capacity=4");
        assertThat(parse(Map.of("HEARTBEAT_CONFIG", config.toString())).capacity()).isEqualTo(4);
    }

    @Test
    void aKeyThatNamesNoOptionIsRefusedRatherThanIgnored() throws Exception {
        Path config = file("capacity=4", "batchms=0", "colour=red");
        assertThatThrownBy(() -> parse(Map.of(), "--config", config.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchms, colour");
    }

    @Test
    void aBadFileStopsTheServerWithOneLineAndExitCodeTwo() throws Exception {
        Path typo = file("batchms=0");
        for (String[] args : List.of(new String[] {"--config", typo.toString()},
                new String[] {"--config", dir.resolve("missing.properties").toString()},
                new String[] {"--config", file("capacity=zero").toString()})) {
            try (ServerProcess refused = ServerProcess.start(args)) {
                assertThat(refused.awaitExit()).isEqualTo(2);
                assertThat(refused.output()).hasSize(1);
                assertThat(refused.output().get(0)).startsWith("heartbeat-server: ");
            }
        }
    }

    @Test
    void aServerStartedWithAConfigFileUsesIt() throws Exception {
        Path config = file("host=127.0.0.1", "port=0", "capacity=2", "no-record=true");
        try (ServerProcess server = ServerProcess.start("--config", config.toString())) {
            TestViewer viewer = TestViewer.join(URI.create("ws://127.0.0.1:" + server.port() + "/ws/lobby"));
            Welcome welcome = viewer.welcome();
            assertThat(welcome.capacity()).isEqualTo(2);
            viewer.close();
        }
    }
}
