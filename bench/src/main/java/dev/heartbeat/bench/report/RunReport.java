package dev.heartbeat.bench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one run found: its parameters, its results and the budget checks, in the order they were
 * added. Printed twice: a table for people and one JSON line for scripts and the record.
 */
public final class RunReport {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final String run;
    private final Instant startedAt;
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<Check> checks = new ArrayList<>();

    /** One budget item: what was asked, what was measured, and whether it holds. */
    public record Check(String name, String limit, Object measured, boolean pass) {}

    public RunReport(String run, Instant startedAt) {
        this.run = run;
        this.startedAt = startedAt;
    }

    public String run() {
        return run;
    }

    public RunReport param(String key, Object value) {
        params.put(key, value);
        return this;
    }

    public RunReport result(String key, Object value) {
        results.put(key, value);
        return this;
    }

    public RunReport results(Map<String, ?> values) {
        results.putAll(values);
        return this;
    }

    public RunReport check(String name, String limit, Object measured, boolean pass) {
        checks.add(new Check(name, limit, measured, pass));
        return this;
    }

    public Object result(String key) {
        return results.get(key);
    }

    public List<Check> checks() {
        return List.copyOf(checks);
    }

    /** True when every budget check held (and when there were none). */
    public boolean withinBudget() {
        return checks.stream().allMatch(Check::pass);
    }

    /** One line of JSON: {"run":…,"startedAt":…,"params":{…},"results":{…},"checks":[…],"withinBudget":…}. */
    public String jsonLine() {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("run", run);
        line.put("startedAt", startedAt.toString());
        line.put("params", params);
        line.put("results", results);
        List<Map<String, Object>> checkList = new ArrayList<>();
        for (Check check : checks) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", check.name());
            entry.put("limit", check.limit());
            entry.put("measured", check.measured());
            entry.put("pass", check.pass());
            checkList.add(entry);
        }
        line.put("checks", checkList);
        line.put("withinBudget", withinBudget());
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report holds only numbers, strings and booleans", e);
        }
    }

    /** Two aligned columns, parameters first, then results, then the budget. */
    public String table() {
        List<String[]> rows = new ArrayList<>();
        params.forEach((k, v) -> rows.add(new String[] {k, format(v)}));
        int paramRows = rows.size();
        results.forEach((k, v) -> rows.add(new String[] {k, format(v)}));
        int resultRows = rows.size();
        for (Check check : checks) {
            rows.add(new String[] {check.name(), format(check.measured()) + "  (limit " + check.limit() + ")  "
                    + (check.pass() ? "PASS" : "FAIL")});
        }
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        out.append("== ").append(run).append(" ==\n");
        for (int i = 0; i < rows.size(); i++) {
            if (i == paramRows && i > 0) out.append("-- results\n");
            if (i == resultRows) out.append("-- budget\n");
            out.append(String.format(Locale.ROOT, "  %-" + width + "s  %s%n", rows.get(i)[0], rows.get(i)[1]));
        }
        return out.toString();
    }

    private static String format(Object value) {
        if (value instanceof Double d) return String.format(Locale.ROOT, "%.2f", d);
        if (value instanceof Float f) return String.format(Locale.ROOT, "%.2f", f);
        return String.valueOf(value);
    }
}
