package dev.heartbeat.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartbeat.server.support.RedisProcess;
import dev.heartbeat.server.support.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLogsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "hunter2-redis-pass";
    private static final String TOKEN = "admin-9d2e61b4c7";

    @Test
    void aClusterNodeLogsOneJsonObjectPerLineAndNeverItsSecrets() throws Exception {
        try (RedisProcess redis = RedisProcess.start("--requirepass", PASSWORD)) {
            String uri = redis.uri().replace("redis://", "redis://default:" + PASSWORD + "@");
            try (ServerProcess server = ServerProcess.start("--host", "127.0.0.1", "--port", "0", "--no-record",
                    "--log-format", "json", "--redis", uri, "--admin-token", TOKEN, "--node-id", "json-node")) {
                int port = server.port();
                HttpResponse<String> ready = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(ready.statusCode()).as("Redis is reached with the password").isEqualTo(200);
                server.process().toHandle().destroy(); // SIGTERM: the shutdown lines too
                assertThat(server.awaitExit()).isZero();

                List<JsonNode> lines = new ArrayList<>();
                for (String line : server.output()) lines.add(JSON.readTree(line)); // throws on anything but JSON
                assertThat(lines).allSatisfy(line -> {
                    assertThat(line.isObject()).isTrue();
                    assertThat(line.get("level").asText()).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
                    assertThat(line.has("loggerName")).isTrue();
                });
                List<String> messages = lines.stream().map(line -> line.get("formattedMessage").asText()).toList();
                assertThat(messages).anyMatch(m -> m.startsWith("Heartbeat listening on 127.0.0.1:"));
                // The cluster logs its Redis URI; the password in it is masked.
                assertThat(messages).anyMatch(m -> m.contains("using Redis at redis://****@127.0.0.1:"));
                assertThat(messages).anyMatch(m -> m.equals("stopped"));
                assertThat(String.join("\n", server.output())).doesNotContain(PASSWORD, TOKEN);
            }
        }
    }
}
