package dev.heartbeat.server.record;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The recorder's meters; names are documented in the README with the server's. */
final class RecorderMetrics {
    /** A buffered line takes microseconds, a flush to a healthy disk well under 10 ms; a second is a stalled disk. */
    private static final Duration[] WRITE_BUCKETS = Arrays.stream(new long[] {10, 50, 100, 500, 1_000, 5_000, 10_000, 50_000,
            100_000, 500_000, 1_000_000, 5_000_000}).mapToObj(micros -> Duration.of(micros, ChronoUnit.MICROS)).toArray(Duration[]::new);

    private final Counter linesWritten;
    private final Counter droppedQueueFull;
    private final Counter droppedWriteFailed;
    private final Counter writeErrors;
    private final Counter filesDeleted;
    private final Timer writes;

    RecorderMetrics(MeterRegistry registry, Supplier<Number> queued, Supplier<Number> openFiles, Supplier<Number> failing) {
        linesWritten = Counter.builder("heartbeat.recordings.lines.written").description("lines written to recordings").register(registry);
        droppedQueueFull = Counter.builder("heartbeat.recordings.lines.dropped").tag("reason", "queue-full")
                .description("lines not recorded").register(registry);
        droppedWriteFailed = Counter.builder("heartbeat.recordings.lines.dropped").tag("reason", "write-failed")
                .description("lines not recorded").register(registry);
        writeErrors = Counter.builder("heartbeat.recordings.write.errors").description("failed writes, opens and flushes of recordings").register(registry);
        filesDeleted = Counter.builder("heartbeat.recordings.deleted").description("recordings deleted by retention").register(registry);
        writes = Timer.builder("heartbeat.recordings.write")
                .description("one write to a recording file on the recording thread: a line, a snapshot, a flush or a close")
                .serviceLevelObjectives(WRITE_BUCKETS).register(registry);
        Gauge.builder("heartbeat.recordings.queue", queued).description("lines waiting for the recording thread").register(registry);
        Gauge.builder("heartbeat.recordings.open", openFiles).description("recordings being written").register(registry);
        Gauge.builder("heartbeat.recordings.failing", failing)
                .description("1 while recordings cannot be written (disk full or unwritable), else 0").register(registry);
    }

    void written(int lines) {
        linesWritten.increment(lines);
    }

    void droppedQueueFull() {
        droppedQueueFull.increment();
    }

    void droppedWriteFailed() {
        droppedWriteFailed.increment();
    }

    void wrote(long nanos) {
        writes.record(nanos, TimeUnit.NANOSECONDS);
    }

    void writeError() {
        writeErrors.increment();
    }

    void deleted(int files) {
        filesDeleted.increment(files);
    }

    long dropped() {
        return (long) (droppedQueueFull.count() + droppedWriteFailed.count());
    }
}
