package dev.heartbeat.bench.measure;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A latency histogram that many threads write to without locks and that the progress line can
 * read an interval from while the run goes on; the whole run's histogram accumulates here too.
 */
public final class LatencyRecorder {
    private final Recorder recorder = new Recorder(LatencySummary.HIGHEST_TRACKABLE_MICROS, LatencySummary.SIGNIFICANT_DIGITS);
    private final Histogram total = new Histogram(LatencySummary.HIGHEST_TRACKABLE_MICROS, LatencySummary.SIGNIFICANT_DIGITS);
    private Histogram interval;

    public Recorder recorder() {
        return recorder;
    }

    public void recordMicros(long micros) {
        recorder.recordValue(Math.min(Math.max(0, micros), LatencySummary.HIGHEST_TRACKABLE_MICROS));
    }

    /** Everything recorded since the last call; also added to the run's total. */
    public synchronized LatencySummary interval() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return LatencySummary.of(interval);
    }

    /** Everything recorded so far. */
    public synchronized LatencySummary total() {
        interval();
        return LatencySummary.of(total);
    }
}
