package dev.heartbeat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerMetricsTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ServerMetrics metrics = new ServerMetrics(registry);

    @Test
    void theFanoutDelayIsATimerInSecondsWithBoundedBuckets() {
        metrics.fanoutDelay(Duration.ofMillis(3).toNanos());
        metrics.fanoutDelay(Duration.ofMillis(40).toNanos());
        metrics.fanoutDelay(Duration.ofSeconds(9).toNanos());
        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("heartbeat_fanout_delay_seconds_bucket{le=\"0.002\"} 0\n")
                .contains("heartbeat_fanout_delay_seconds_bucket{le=\"0.005\"} 1\n")
                .contains("heartbeat_fanout_delay_seconds_bucket{le=\"0.05\"} 2\n")
                .contains("heartbeat_fanout_delay_seconds_bucket{le=\"5.0\"} 2\n")
                .contains("heartbeat_fanout_delay_seconds_bucket{le=\"+Inf\"} 3\n")
                .contains("heartbeat_fanout_delay_seconds_count 3\n")
                .contains("heartbeat_fanout_delay_seconds_sum 9.043\n");
        assertThat(scrape.lines().filter(l -> l.startsWith("heartbeat_fanout_delay_seconds_bucket"))).hasSize(13);
    }

    @Test
    void theHandshakeIsATimerInSecondsWithBuckets() {
        metrics.handshake(Duration.ofMillis(7).toNanos());
        assertThat(registry.scrape())
                .contains("heartbeat_handshake_seconds_bucket{le=\"0.005\"} 0\n")
                .contains("heartbeat_handshake_seconds_bucket{le=\"0.01\"} 1\n")
                .contains("heartbeat_handshake_seconds_count 1\n");
    }

    @Test
    void bothTimersAreScrapedBeforeAnythingIsRecorded() {
        assertThat(registry.scrape())
                .contains("heartbeat_fanout_delay_seconds_bucket{le=\"0.025\"} 0\n")
                .contains("heartbeat_handshake_seconds_count 0\n");
    }

    @Test
    void closesCountTheContractsCodesAndPutEveryOtherCodeUnderOther() {
        metrics.closed(1000);
        metrics.closed(1006);
        metrics.closed(4002);
        metrics.closed(4002);
        metrics.closed(3999);
        metrics.closed(-1);
        metrics.closed(1012);
        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("heartbeat_closes_total{code=\"1000\"} 1.0\n")
                .contains("heartbeat_closes_total{code=\"1006\"} 1.0\n")
                .contains("heartbeat_closes_total{code=\"4002\"} 2.0\n")
                .contains("heartbeat_closes_total{code=\"1013\"} 0.0\n")
                .contains("heartbeat_closes_total{code=\"other\"} 3.0\n")
                .doesNotContain("code=\"3999\"")
                .doesNotContain("code=\"1012\"");
        // The contract's ten, 1005, 1006 and other: no more series, whatever the peers send.
        assertThat(scrape.lines().filter(l -> l.startsWith("heartbeat_closes_total{"))).hasSize(13);
    }
}
