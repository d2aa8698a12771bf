package dev.heartbeat.bench.measure;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The percentiles a run reports, in milliseconds, from a histogram of microseconds. */
public record LatencySummary(long count, double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs, double meanMs) {

    /** Highest value the histograms track: one minute, in microseconds; larger values are clamped. */
    public static final long HIGHEST_TRACKABLE_MICROS = 60_000_000L;
    /** Three significant digits: 0.1 % resolution at every scale. */
    public static final int SIGNIFICANT_DIGITS = 3;

    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0);

    public static LatencySummary of(Histogram micros) {
        if (micros.getTotalCount() == 0) return EMPTY;
        return new LatencySummary(micros.getTotalCount(),
                ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)),
                ms(micros.getMaxValue()),
                round(micros.getMean() / 1_000.0));
    }

    /** Keys in the order of the table and the JSON line, with a prefix such as "latency". */
    public Map<String, Object> asFields(String prefix) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(prefix + "Count", count);
        fields.put(prefix + "P50Ms", p50Ms);
        fields.put(prefix + "P90Ms", p90Ms);
        fields.put(prefix + "P99Ms", p99Ms);
        fields.put(prefix + "P999Ms", p999Ms);
        fields.put(prefix + "MaxMs", maxMs);
        fields.put(prefix + "MeanMs", meanMs);
        return fields;
    }

    private static double ms(long micros) {
        return round(micros / 1_000.0);
    }

    private static double round(double ms) {
        return Math.round(ms * 100.0) / 100.0;
    }
}
