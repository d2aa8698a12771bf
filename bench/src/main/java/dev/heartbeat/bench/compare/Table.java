package dev.heartbeat.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The side-by-side table of one comparison run: every scenario's figures for every server, this
 * server's ratio to the peer, and whether the target holds. Built from the runs' JSON lines, each
 * labelled {@code SERVER/SCENARIO}. A label run several times ({@code REPEAT} in
 * {@code bench/peers.sh}) shows its median, with the range beside it; the ratio and the targets
 * against the peer use the medians (on a noisy machine one outlier of either server then no longer
 * decides them), absolute targets such as 0 lost must hold in every round.
 */
final class Table {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String ours;
    private final String peer;
    /** scenario -> server -> the runs' JSON lines, in order */
    private final Map<String, Map<String, List<JsonNode>>> runs = new LinkedHashMap<>();
    private final Set<String> servers = new LinkedHashSet<>();
    private boolean allMet = true;

    Table(String ours, String peer) {
        this.ours = ours;
        this.peer = peer;
        servers.add(ours);
        servers.add(peer);
    }

    /** Takes one line of output; anything but a labelled run's JSON line is ignored. */
    void add(String line) {
        if (!line.startsWith("{\"run\"")) return;
        JsonNode run;
        try {
            run = JSON.readTree(line);
        } catch (java.io.IOException e) {
            return;
        }
        String label = run.path("params").path("label").asText("");
        int slash = label.indexOf('/');
        if (slash <= 0) return;
        String server = label.substring(0, slash);
        servers.add(server);
        runs.computeIfAbsent(label.substring(slash + 1), s -> new LinkedHashMap<>())
                .computeIfAbsent(server, s -> new ArrayList<>()).add(run);
    }

    boolean isEmpty() {
        return runs.isEmpty();
    }

    /** True when every target of every scenario held (a missing figure does not hold). */
    boolean allTargetsMet() {
        render();
        return allMet;
    }

    /** The table in Markdown, ready for docs/performance.md. */
    String render() {
        allMet = true;
        List<String> header = new ArrayList<>(List.of("scenario", "figure"));
        header.addAll(servers);
        header.addAll(List.of(ours + " ÷ " + peer, "target", "met"));
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<JsonNode>>> entry : runs.entrySet()) {
            Map<String, List<JsonNode>> byServer = entry.getValue();
            String runType = byServer.values().iterator().next().get(0).path("run").asText();
            Scenario scenario = Scenario.named(entry.getKey(), runType);
            boolean first = true;
            for (Figure figure : scenario.figures()) {
                List<String> row = new ArrayList<>();
                row.add(first ? scenario.name() : "");
                row.add(figure.label());
                for (String server : servers) row.add(show(values(figure, byServer.get(server))));
                double[] mineSorted = values(figure, byServer.get(ours));
                OptionalDouble mine = median(mineSorted);
                OptionalDouble theirs = median(values(figure, byServer.get(peer)));
                row.add(mine.isPresent() && theirs.isPresent() && theirs.getAsDouble() != 0
                        ? number(mine.getAsDouble() / theirs.getAsDouble()) : "");
                row.add(figure.target().describe(peer));
                Optional<Boolean> met = met(figure.target(), mineSorted, theirs);
                if (figure.target().kind() != Figure.Target.Kind.NONE && !met.orElse(false)) allMet = false;
                row.add(met.map(ok -> ok ? "yes" : "**no**").orElse(figure.target().kind() == Figure.Target.Kind.NONE ? "" : "?"));
                rows.add(row);
                first = false;
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(line(header));
        out.append(line(header.stream().map(h -> "---").toList()));
        rows.forEach(row -> out.append(line(row)));
        return out.toString();
    }

    /**
     * A target against the peer holds on the medians; an absolute one (0 lost, a memory ceiling)
     * in every round, so that one round's losses fail it whatever the others did.
     */
    private static Optional<Boolean> met(Figure.Target target, double[] mineSorted, OptionalDouble theirs) {
        OptionalDouble mine = median(mineSorted);
        if (mine.isEmpty()) return Optional.empty();
        if (target.isAbsolute()) {
            for (double value : mineSorted) {
                if (!target.met(value, theirs).orElse(false)) return Optional.of(false);
            }
            return Optional.of(true);
        }
        return target.met(mine.getAsDouble(), theirs);
    }

    /** The figure in each run that reported it, sorted. */
    private static double[] values(Figure figure, List<JsonNode> runs) {
        if (runs == null) return new double[0];
        return runs.stream().map(run -> figure.in(run.get("results"))).filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble).sorted().toArray();
    }

    private static OptionalDouble median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) return OptionalDouble.empty();
        return OptionalDouble.of(n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2);
    }

    private static String line(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    /** One run's figure; of several, the median and their range. */
    private static String show(double[] sorted) {
        OptionalDouble median = median(sorted);
        if (median.isEmpty()) return "—";
        String shown = number(median.getAsDouble());
        if (sorted.length == 1 || sorted[0] == sorted[sorted.length - 1]) return shown;
        return shown + " (" + number(sorted[0]) + "–" + number(sorted[sorted.length - 1]) + ")";
    }

    static String number(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 1000) return String.format(Locale.ROOT, "%,.0f", value);
        if (magnitude >= 100 || value == Math.rint(value)) return String.format(Locale.ROOT, "%.0f", value);
        if (magnitude >= 10) return String.format(Locale.ROOT, "%.1f", value);
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
