package dev.heartbeat.bench.measure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A latency histogram that many threads write to and that the progress line reads an interval
 * from while the run goes on; the whole run's histogram accumulates here too.
 *
 * <p>Each writing thread has its own {@link Recorder}: a fan-out run records over a million values
 * a second from several threads, and one shared recorder's counters would bounce between the cores
 * and cost the client CPU that the server under test needs.
 */
public final class LatencyRecorder {
    private final List<Writer> writers = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Recorder> own = ThreadLocal.withInitial(this::newRecorder);
    private final Histogram total = newHistogram();
    private final Histogram interval = newHistogram();

    /** One thread's recorder and the histogram it last handed back, recycled on the next read. */
    private static final class Writer {
        final Recorder recorder = new Recorder(LatencySummary.HIGHEST_TRACKABLE_MICROS, LatencySummary.SIGNIFICANT_DIGITS);
        Histogram lastInterval;
    }

    public void recordMicros(long micros) {
        own.get().recordValue(Math.min(Math.max(0, micros), LatencySummary.HIGHEST_TRACKABLE_MICROS));
    }

    /** Everything recorded since the last call; also added to the run's total. */
    public synchronized LatencySummary interval() {
        interval.reset();
        for (Writer writer : writers) {
            writer.lastInterval = writer.recorder.getIntervalHistogram(writer.lastInterval);
            interval.add(writer.lastInterval);
        }
        total.add(interval);
        return LatencySummary.of(interval);
    }

    /** Everything recorded so far. */
    public synchronized LatencySummary total() {
        interval();
        return LatencySummary.of(total);
    }

    private Recorder newRecorder() {
        Writer writer = new Writer();
        writers.add(writer);
        return writer.recorder;
    }

    private static Histogram newHistogram() {
        return new Histogram(LatencySummary.HIGHEST_TRACKABLE_MICROS, LatencySummary.SIGNIFICANT_DIGITS);
    }
}
