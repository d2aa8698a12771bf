package dev.heartbeat.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunReportTest {
    private final RunReport report = new RunReport("fanout", Instant.parse("2026-11-21T20:00:00Z"))
            .param("viewers", 5000)
            .param("url", "ws://127.0.0.1:8080")
            .result("delivered", 1_250_000L)
            .result("latencyP99Ms", 41.257)
            .result("closesByCode", Map.of("1000", 3L))
            .check("latency p99 (ms)", "<= 60.0", 41.257, true);

    @Test
    void theJsonLineIsOneLineWithParamsResultsAndChecksInOrder() throws Exception {
        String line = report.jsonLine();
        assertThat(line).doesNotContain("\n");

        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("run").asText()).isEqualTo("fanout");
        assertThat(json.get("startedAt").asText()).isEqualTo("2026-11-21T20:00:00Z");
        assertThat(json.get("params").get("viewers").asInt()).isEqualTo(5000);
        assertThat(json.get("results").get("delivered").asLong()).isEqualTo(1_250_000L);
        assertThat(json.get("results").get("closesByCode").get("1000").asLong()).isEqualTo(3);
        assertThat(json.get("results").fieldNames()).toIterable().containsExactly("delivered", "latencyP99Ms", "closesByCode");
        assertThat(json.get("checks").get(0).get("pass").asBoolean()).isTrue();
        assertThat(json.get("withinBudget").asBoolean()).isTrue();
    }

    @Test
    void theTableListsParamsThenResultsThenTheBudget() {
        String table = report.table();
        assertThat(table).startsWith("== fanout ==\n");
        assertThat(table.indexOf("viewers")).isLessThan(table.indexOf("-- results"));
        assertThat(table.indexOf("-- results")).isLessThan(table.indexOf("delivered"));
        assertThat(table).containsPattern("latencyP99Ms +41\\.26\n").contains("-- budget").contains("(limit <= 60.0)  PASS");
    }

    @Test
    void oneFailedCheckPutsTheRunOverBudget() throws Exception {
        report.check("lost deliveries", "= 0", 12L, false);
        assertThat(report.withinBudget()).isFalse();
        assertThat(new ObjectMapper().readTree(report.jsonLine()).get("withinBudget").asBoolean()).isFalse();
        assertThat(report.table()).contains("FAIL");
    }
}
