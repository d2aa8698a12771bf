package dev.heartbeat.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.server.HeartbeatServer;
import dev.heartbeat.server.config.ServerConfig;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A server restart heals by itself: the tabs reconnect with their resume tokens and keep their lines. */
@ExtendWith(Chromium.class)
class ServerRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    // Backoff is at most 0.5 + 1 + 2 + 4 s before a retry lands on the new server.
    private static final Duration HEAL = Duration.ofSeconds(25);
    private static final Duration REBIND_PATIENCE = Duration.ofSeconds(10);

    @Test
    void afterARestartOnTheSamePortTheTabsComeBackWithTheirOwnLines() throws Exception {
        int port = portOutsideEphemeralRange();
        HeartbeatServer server = startOn(port);
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

            server = startOn(port);
            a.await("Ann back on her own line", HEAL, hb -> "active".equals(hb.get("status")) && annId.equals(a.youId()));
            b.await("Ben back on his own line", HEAL, hb -> "active".equals(hb.get("status")) && benId.equals(b.youId()));
            a.await("both lines in Ann's picture", WAIT, hb -> a.memberIds().containsAll(List.of(annId, benId)));
            assertThat(a.text("status")).startsWith("Active");
        } finally {
            server.close();
        }
    }

    /**
     * A free port below the kernel's range for outgoing connections: on a busy machine a port from
     * that range, once let go by the stopped server, can be taken at once by someone's client socket.
     */
    private static int portOutsideEphemeralRange() throws IOException {
        int ephemeralFrom = 32768;
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        if (Files.isReadable(range)) ephemeralFrom = Integer.parseInt(Files.readString(range).trim().split("\\s+")[0]);
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, Math.max(20_001, ephemeralFrom));
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(port));
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port between 20000 and " + ephemeralFrom);
    }

    /** Starts a server on {@code port}, waiting a little while the old one's socket is let go. */
    private static HeartbeatServer startOn(int port) throws InterruptedException {
        long deadline = System.nanoTime() + REBIND_PATIENCE.toNanos();
        while (true) {
            HeartbeatServer server = new HeartbeatServer(ServerConfig.builder().port(port).capacity(2).build());
            try {
                return server.start();
            } catch (RuntimeException e) {
                try {
                    server.close(); // its timers and executors, started in the constructor
                } catch (RuntimeException whileClosing) {
                    e.addSuppressed(whileClosing);
                }
                if (!causedByBind(e) || System.nanoTime() > deadline) throw e;
                Thread.sleep(200);
            }
        }
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof BindException) return true;
        return false;
    }
}
