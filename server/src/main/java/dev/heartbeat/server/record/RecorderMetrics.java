package dev.heartbeat.server.record;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/** The recorder's meters; names are documented in the README with the server's. */
final class RecorderMetrics {
    private final Counter linesWritten;
    private final Counter droppedQueueFull;
    private final Counter droppedWriteFailed;
    private final Counter writeErrors;
    private final Counter filesDeleted;

    RecorderMetrics(MeterRegistry registry, Supplier<Number> queued, Supplier<Number> openFiles, Supplier<Number> failing) {
        linesWritten = Counter.builder("heartbeat.recordings.lines.written").description("lines written to recordings").register(registry);
        droppedQueueFull = Counter.builder("heartbeat.recordings.lines.dropped").tag("reason", "queue-full")
                .description("lines not recorded").register(registry);
        droppedWriteFailed = Counter.builder("heartbeat.recordings.lines.dropped").tag("reason", "write-failed")
                .description("lines not recorded").register(registry);
        writeErrors = Counter.builder("heartbeat.recordings.write.errors").description("failed writes, opens and flushes of recordings").register(registry);
        filesDeleted = Counter.builder("heartbeat.recordings.deleted").description("recordings deleted by retention").register(registry);
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
