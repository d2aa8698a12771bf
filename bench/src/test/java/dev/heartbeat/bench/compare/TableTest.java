package dev.heartbeat.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableTest {
    private static String run(String type, String label, String results) {
        return "{\"run\":\"" + type + "\",\"startedAt\":\"2026-12-02T12:00:00Z\",\"params\":{\"label\":\"" + label
                + "\"},\"results\":{" + results + "},\"checks\":[],\"withinBudget\":true}";
    }

    @Test
    void showsEachServersFiguresTheRatioToThePeerAndWhetherTheTargetHolds() {
        Table table = new Table("heartbeat", "node-ws");
        table.add("== idle ==  (a table line, skipped)");
        table.add(run("idle", "heartbeat/idle-10k", "\"connectsPerSecond\":3000.0,\"serverKiBPerConnection\":10.5"));
        table.add(run("idle", "node-ws/idle-10k", "\"connectsPerSecond\":2000.0,\"serverKiBPerConnection\":5.6"));
        table.add(run("churn", "heartbeat/churn-200", "\"handshakeP99Ms\":10.0,\"serverCpuPercent\":30.0,\"churnErrors\":0"));
        table.add(run("churn", "node-ws/churn-200", "\"handshakeP99Ms\":4.0,\"serverCpuPercent\":16.0,\"churnErrors\":0"));

        String rendered = table.render();

        assertThat(rendered).contains("| scenario | figure | heartbeat | node-ws | heartbeat ÷ node-ws | target | met |");
        assertThat(rendered).contains("| idle-10k | connects/s | 3,000 | 2,000 | 1.50 | >= node-ws | yes |");
        assertThat(rendered).contains("|  | server RSS per connection (KiB) | 10.5 | 5.60 | 1.88 | <= 11.7 | yes |");
        assertThat(rendered).contains("|  | handshake p99 (ms) | 10 | 4 | 2.50 | <= 2 x node-ws | **no** |");
        assertThat(rendered).contains("|  | server CPU (% of a core) | 30 | 16 | 1.88 | <= 1.50 x node-ws | **no** |");
        assertThat(table.allTargetsMet()).isFalse();
    }

    @Test
    void aFigureNoRunReportedIsADashAndItsTargetIsNotMet() {
        Table table = new Table("heartbeat", "node-ws");
        table.add(run("fanout", "heartbeat/fanout-1k", "\"lost\":0"));
        table.add(run("fanout", "node-ws/fanout-1k", "\"lost\":0,\"serverCpuNsPerEvent\":4600"));
        String rendered = table.render();
        assertThat(rendered).contains("|  | server CPU per delivered event (µs) | — | 4.60 |  | <= node-ws | ? |");
        assertThat(table.allTargetsMet()).isFalse();
    }

    @Test
    void aThirdServerGetsAColumn() {
        Table table = new Table("heartbeat", "node-ws");
        table.add(run("fanout", "heartbeat/fanout-5k", "\"lost\":0,\"latencyP99Ms\":100.0"));
        table.add(run("fanout", "node-ws/fanout-5k", "\"lost\":0,\"latencyP99Ms\":176.0"));
        table.add(run("fanout", "uwsgi-gevent/fanout-5k", "\"lost\":0,\"latencyP99Ms\":1300.0"));
        String rendered = table.render();
        assertThat(rendered).contains("| fanout-5k | lost | 0 | 0 | 0 |  | = 0 | yes |");
        assertThat(rendered).contains("|  | latency p99 (ms) | 100 | 176 | 1,300 | 0.57 | <= node-ws | yes |");
    }

    @Test
    void repeatedRunsShowTheirMedianAndRangeAndTheTargetUsesTheMedians() {
        Table table = new Table("heartbeat", "node-ws");
        for (String p99 : new String[] {"3185.0", "700.0", "650.0"}) {
            table.add(run("fanout", "heartbeat/fanout-5k", "\"lost\":0,\"latencyP99Ms\":" + p99));
        }
        for (String p99 : new String[] {"672.0", "750.0", "608.0"}) {
            table.add(run("fanout", "node-ws/fanout-5k", "\"lost\":0,\"latencyP99Ms\":" + p99));
        }
        String rendered = table.render();
        assertThat(rendered).contains("| fanout-5k | lost | 0 | 0 |  | = 0 | yes |");
        assertThat(rendered).contains("|  | latency p99 (ms) | 700 (650–3,185) | 672 (608–750) | 1.04 | <= node-ws | **no** |");
        assertThat(table.allTargetsMet()).isFalse();

        table.add(run("fanout", "heartbeat/fanout-5k", "\"lost\":0,\"latencyP99Ms\":600.0"));
        assertThat(table.render()).contains("|  | latency p99 (ms) | 675 (600–3,185) | 672 (608–750) | 1.00 | <= node-ws | **no** |");
    }

    @Test
    void anAbsoluteTargetMustHoldInEveryRound() {
        Table table = new Table("heartbeat", "node-ws");
        for (String lost : new String[] {"0", "12", "0"}) {
            table.add(run("fanout", "heartbeat/fanout-1k", "\"lost\":" + lost + ",\"serverCpuNsPerEvent\":3000"));
            table.add(run("fanout", "node-ws/fanout-1k", "\"lost\":0,\"serverCpuNsPerEvent\":4000"));
        }
        String rendered = table.render();
        assertThat(rendered).contains("| fanout-1k | lost | 0 (0–12) | 0 |  | = 0 | **no** |");
        assertThat(rendered).contains("|  | server CPU per delivered event (µs) | 3 | 4 | 0.75 | <= node-ws | yes |");
        assertThat(table.allTargetsMet()).isFalse();
    }
}
