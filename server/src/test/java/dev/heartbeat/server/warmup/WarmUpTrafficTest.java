package dev.heartbeat.server.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.server.support.RunningServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WarmUpTrafficTest {

    @Test
    void itJoinsPulsesAndLeavesBothWaysThenClosesEverythingItOpened() throws Exception {
        try (RunningServer server = RunningServer.start(c -> c.record(false).maxConnectionsPerAddress(10_000)
                .newSpacesPerMinute(1_000).maxQueue(10_000))) {
            int welcomed = WarmUpTraffic.play(URI.create("ws://127.0.0.1:" + server.port()), Duration.ofSeconds(5), () -> false)
                    .connections();

            MeterRegistry metrics = server.server().registry();
            assertThat(welcomed).as("connections welcomed").isGreaterThan(300);
            assertThat(count(metrics, "heartbeat.events.in", "type", "pulse")).as("pulses accepted").isPositive();
            assertThat(count(metrics, "heartbeat.closes", "code", "1000")).as("closed with a handshake").isPositive();
            assertThat(count(metrics, "heartbeat.closes", "code", "1006")).as("gone without one").isPositive();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (server.server().connectionCount() > 0 && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(server.server().connectionCount()).as("connections left open").isZero();
        }
    }

    private static double count(MeterRegistry metrics, String name, String tag, String value) {
        var counter = metrics.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }
}
