package dev.heartbeat.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.server.support.RunningServer;
import dev.heartbeat.server.support.TestViewer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PlatformMetricsTest {
    private final RunningServer server = RunningServer.start(config -> config);

    @AfterEach
    void stop() {
        server.close();
    }

    private static double value(String scrape, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertThat(matcher.find()).as("%s in /metrics", series).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    @Test
    void theJvmAndTheProcessAreMeasuredByMicrometersBinders() {
        String scrape = server.get("/metrics").body();
        assertThat(value(scrape, "jvm_threads_live_threads")).isPositive();
        assertThat(scrape).contains("jvm_memory_used_bytes{area=\"heap\"", "jvm_gc_memory_allocated_bytes_total", "jvm_classes_loaded_classes", "jvm_info{");
        assertThat(value(scrape, "process_uptime_seconds")).isPositive();
        assertThat(value(scrape, "process_cpu_usage")).isNotNegative();
        assertThat(value(scrape, "process_files_open_files")).isPositive();
        assertThat(value(scrape, "process_files_max_files")).isGreaterThan(value(scrape, "process_files_open_files"));
    }

    @Test
    void jettysPoolConnectionsAndRequestsAreMeasured() {
        TestViewer ada = TestViewer.join(server.ws("lobby"));
        TestViewer bo = TestViewer.join(server.ws("lobby"));
        try {
            assertThat(server.get("/nowhere").statusCode()).isEqualTo(404);
            String scrape = server.get("/metrics").body();
            assertThat(value(scrape, "jetty_threads_config_max")).isEqualTo(HeartbeatServer.jettyMaxThreads());
            assertThat(value(scrape, "jetty_threads_busy")).isPositive();
            // Two sockets and the HTTP client's own connection.
            assertThat(value(scrape, "jetty_connections_current_connections{connector_name=\"unnamed\"}")).isGreaterThanOrEqualTo(3);
            assertThat(value(scrape, "jetty_server_requests_seconds_count{method=\"GET\",outcome=\"INFORMATIONAL\",status=\"101\"}"))
                    .isEqualTo(2);
            assertThat(value(scrape, "jetty_server_requests_seconds_count{method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"404\"}"))
                    .isEqualTo(1);
            assertThat(scrape).doesNotContain("jetty_connections_bytes");
        } finally {
            ada.close();
            bo.close();
        }
    }
}
