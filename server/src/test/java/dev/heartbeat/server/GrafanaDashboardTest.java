package dev.heartbeat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartbeat.protocol.message.Pong;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.server.support.RedisProcess;
import dev.heartbeat.server.support.RunningServer;
import dev.heartbeat.server.support.TestViewer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/grafana/heartbeat.json queries only series that a running node (in cluster mode) exposes. */
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of("..", "docs", "grafana", "heartbeat.json");
    /** A metric name: an identifier that is not a function call. Possessive, so "rate(" is not read as "rat". */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "bool",
            "offset", "and", "or", "unless");

    @Test
    void everyMetricTheDashboardQueriesIsInTheScrapeOfARunningNode() throws Exception {
        List<String> queries = queries(new ObjectMapper().readTree(DASHBOARD.toFile()));
        assertThat(queries).hasSizeGreaterThan(20);

        Set<String> series;
        try (RedisProcess redis = RedisProcess.start();
             RunningServer server = RunningServer.start(c -> c.redis(redis.uri()))) {
            TestViewer ada = TestViewer.join(server.ws("lobby", "name=Ada"));
            TestViewer bo = TestViewer.join(server.ws("lobby", "name=Bo"));
            ada.pulse();
            bo.next(Pulse.class);
            ada.send("{\"type\":\"ping\",\"t\":1}");
            ada.next(Pong.class);
            server.get("/health/ready");
            // jvm_gc_pause_seconds appears with the first collection, which a young JVM may not have had yet.
            System.gc();
            long deadline = System.currentTimeMillis() + 10_000;
            while (!server.get("/metrics").body().contains("jvm_gc_pause_seconds_count") && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            series = server.get("/metrics").body().lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toSet());
            ada.close();
            bo.close();
        }

        Set<String> missing = new TreeSet<>();
        for (String query : queries) {
            List<String> metrics = metricsIn(query);
            assertThat(metrics).as("a metric in %s", query).isNotEmpty();
            for (String metric : metrics) if (!series.contains(metric)) missing.add(metric + "  (in " + query + ")");
        }
        assertThat(missing).as("queried by the dashboard, absent from /metrics").isEmpty();
    }

    @Test
    void theCheckFindsEveryMetricOfAQueryAndNothingElse() {
        assertThat(metricsIn("histogram_quantile(0.99, sum by (le) (rate(heartbeat_handshake_seconds_bucket{instance=~\"$instance\"}[$__rate_interval])))"))
                .containsExactly("heartbeat_handshake_seconds_bucket");
        assertThat(metricsIn("sum(jvm_memory_used_bytes{area=\"heap\"}) / sum(jvm_memory_max_bytes) * 100"))
                .containsExactly("jvm_memory_used_bytes", "jvm_memory_max_bytes");
        assertThat(metricsIn("sum(rate(heartbeat_closes_total[5m])) by (code) > 0.5")).containsExactly("heartbeat_closes_total");
    }

    /** Every panel target's expression, and the template variables' queries. */
    private static List<String> queries(JsonNode dashboard) {
        List<String> found = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) found.add(target.path("expr").asText());
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                found.add(variable.path("query").path("query").asText().replaceFirst(", instance\\)$", ")"));
            }
        }
        return found;
    }

    /** The metric names in a PromQL expression: label matchers, ranges, strings and grouping labels removed. */
    static List<String> metricsIn(String promql) {
        String bare = promql.replaceAll("\"[^\"]*\"", "\"\"")
                .replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^]]*]", "")
                .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", "");
        List<String> names = new ArrayList<>();
        Matcher matcher = IDENTIFIER.matcher(bare);
        while (matcher.find()) if (!KEYWORDS.contains(matcher.group())) names.add(matcher.group());
        return names;
    }
}
