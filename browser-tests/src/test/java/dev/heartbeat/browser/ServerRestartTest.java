package dev.heartbeat.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.server.HeartbeatServer;
import dev.heartbeat.server.config.ServerConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A server restart heals by itself: the tabs reconnect with their resume tokens and keep their lines. */
@ExtendWith(Chromium.class)
class ServerRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    // Backoff is at most 0.5 + 1 + 2 + 4 s before a retry lands on the new server.
    private static final Duration HEAL = Duration.ofSeconds(25);

    private static HeartbeatServer serverOn(int port) {
        return new HeartbeatServer(ServerConfig.builder().port(port).capacity(2).build()).start();
    }

    @Test
    void afterARestartOnTheSamePortTheTabsComeBackWithTheirOwnLines() {
        HeartbeatServer server = serverOn(0);
        int port = server.port();
        try (Browser browser = Browser.launch(1024, 700, 1)) {
            Tab a = browser.open("http://localhost:" + port + "/s/phoenix?name=Ann");
            a.awaitStatus("active", WAIT);
            Tab b = browser.open("http://localhost:" + port + "/s/phoenix?name=Ben");
            b.awaitStatus("active", WAIT);
            String annId = a.youId();
            String benId = b.youId();

            server.close();
            a.awaitStatus("reconnecting", WAIT);
            assertThat(a.text("status")).startsWith("Reconnecting");
            a.screenshot(Screenshots.file("reconnecting.png"));
            b.awaitStatus("reconnecting", WAIT);

            server = serverOn(port);
            a.await("Ann back on her own line", HEAL, hb -> "active".equals(hb.get("status")) && annId.equals(a.youId()));
            b.await("Ben back on his own line", HEAL, hb -> "active".equals(hb.get("status")) && benId.equals(b.youId()));
            a.await("both lines in Ann's picture", WAIT, hb -> a.memberIds().containsAll(java.util.List.of(annId, benId)));
            assertThat(a.text("status")).startsWith("Active");
        } finally {
            server.close();
        }
    }
}
