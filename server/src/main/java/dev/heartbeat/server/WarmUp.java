package dev.heartbeat.server;

import dev.heartbeat.server.config.ServerConfig;
import dev.heartbeat.server.warmup.WarmUpTraffic;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's first seconds without the interpreter. A fresh JVM runs Jetty's connect, frame and close
 * code interpreted until its compiler threads catch up, which on a small machine takes tens of
 * seconds of traffic: the first visitors after a restart wait longest. So, while the node reports
 * not ready, traffic runs through a second server in this JVM (loopback, a port of its own, nothing
 * recorded, no cluster) until the compilers fall quiet or the longest warm-up has passed, and the
 * compiled code is there when the load balancer sends visitors.
 */
final class WarmUp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    private static final int ROOM = 10_000;

    private final ServerConfig rehearsal;
    private final Duration length;
    private final Thread thread;
    private volatile boolean done;

    private WarmUp(ServerConfig served) {
        this.length = served.warmUp();
        this.rehearsal = rehearsalOf(served);
        this.thread = new Thread(this::run, "heartbeat-warm-up");
        thread.setDaemon(true);
    }

    /** Starts warming up now; {@link #problem()} is the readiness check until it is done. */
    static WarmUp start(ServerConfig served) {
        WarmUp warmUp = new WarmUp(served);
        warmUp.thread.start();
        return warmUp;
    }

    Optional<String> problem() {
        return done ? Optional.empty() : Optional.of("warming up (at most " + length.toSeconds() + " s after start)");
    }

    /** The served settings where they shape the code paths; no limit the warm-up's own load would meet. */
    private static ServerConfig rehearsalOf(ServerConfig served) {
        return served.toBuilder()
                .host("127.0.0.1").port(0).redis(null).record(false).adminToken(null).allowedOrigins(List.of())
                .maxConnections(ROOM).maxConnectionsPerAddress(ROOM).newSpacesPerMinute(ROOM)
                .pingInterval(served.pingInterval().compareTo(Duration.ofSeconds(1)) < 0 ? served.pingInterval() : Duration.ofSeconds(1))
                .warmUp(Duration.ZERO)
                .build();
    }

    private void run() {
        long started = System.nanoTime();
        WarmUpTraffic.Played played = new WarmUpTraffic.Played(0, false);
        LOG.info("warming up before reporting ready: until the JIT settles, {} s at most", length.toSeconds());
        try (HeartbeatServer server = new HeartbeatServer(rehearsal).start()) {
            played = WarmUpTraffic.play(URI.create("ws://127.0.0.1:" + server.port()), length);
        } catch (InterruptedException e) {
            LOG.info("warm-up stopped: the node is stopping");
            done = true;
            return;
        } catch (Exception e) {
            // Without it the node is slower for a while, not wrong: it still takes traffic.
            LOG.warn("warm-up stopped early: {}", e.toString());
        }
        LOG.info("warmed up in {} ms with {} connections ({}); ready", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                played.connections(), played.settled() ? "the JIT settled" : "--warm-up reached");
        done = true;
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
