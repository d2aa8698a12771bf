package dev.heartbeat.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The server's own logback.xml, in a Logback context of the test's, writing to a captured stdout. */
class LogFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "tok-7f3a9c1e55";

    private static List<String> log(String format, Consumer<Logger> body) throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putProperty("heartbeat.log.format", format);
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
            body.accept(context.getLogger("dev.heartbeat.test"));
        } finally {
            context.stop();
            System.setOut(stdout);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static void logSecrets(Logger log) {
        log.info("admin token {} and Redis at {}", TOKEN, "redis://default:hunter2@redis.internal:6379");
        log.warn("lost \"Redis\"", new IllegalStateException("cannot reach rediss://:s3cr%40t@10.0.0.5:6380/0"));
    }

    @Test
    void jsonIsOneObjectPerLineWithTheFormattedMessage() throws Exception {
        LogSecrets.hide(TOKEN);
        List<String> lines = log("json", LogFormatTest::logSecrets);
        assertThat(lines).hasSize(2);
        JsonNode info = JSON.readTree(lines.get(0));
        assertThat(info.get("level").asText()).isEqualTo("INFO");
        assertThat(info.get("loggerName").asText()).isEqualTo("dev.heartbeat.test");
        assertThat(info.get("timestamp").asLong()).isPositive();
        assertThat(info.get("formattedMessage").asText())
                .isEqualTo("admin token **** and Redis at redis://****@redis.internal:6379");
        assertThat(info.has("arguments")).as("the raw arguments are left out").isFalse();
        JsonNode warn = JSON.readTree(lines.get(1));
        assertThat(warn.get("formattedMessage").asText()).isEqualTo("lost \"Redis\"");
        assertThat(warn.get("throwable").get("message").asText()).isEqualTo("cannot reach rediss://****@10.0.0.5:6380/0");
        assertThat(String.join("\n", lines)).doesNotContain(TOKEN, "hunter2", "s3cr");
    }

    @Test
    void textKeepsItsPatternAndMasksTheSameSecrets() throws Exception {
        LogSecrets.hide(TOKEN);
        List<String> lines = log("text", LogFormatTest::logSecrets);
        assertThat(lines.get(0)).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  dev\\.heartbeat\\.test - admin token \\*\\*\\*\\* and Redis at "
                + "redis://\\*\\*\\*\\*@redis\\.internal:6379");
        assertThat(String.join("\n", lines)).contains("cannot reach rediss://****@10.0.0.5").doesNotContain(TOKEN, "hunter2", "s3cr");
    }

    @Test
    void aUriWithoutCredentialsIsLeftAlone() {
        assertThat(LogSecrets.mask("using Redis at redis://127.0.0.1:6379 (db 0), mail ops@example.org"))
                .isEqualTo("using Redis at redis://127.0.0.1:6379 (db 0), mail ops@example.org");
        String json = "{\"formattedMessage\":\"at redis:\\/\\/127.0.0.1:6379\",\"mdc\":{\"mail\":\"ops@example.org\"}}";
        assertThat(LogSecrets.mask(json)).isEqualTo(json);
    }

    @Test
    void theRedisPasswordIsTakenAsWrittenAndDecoded() {
        assertThat(LogSecrets.redisPasswords("redis://default:s3cr%40t@h:6379")).containsExactly("s3cr%40t", "s3cr@t");
        assertThat(LogSecrets.redisPasswords("redis://:pw@h:6379")).containsExactly("pw");
        assertThat(LogSecrets.redisPasswords("redis://h:6379")).isEmpty();
    }
}
