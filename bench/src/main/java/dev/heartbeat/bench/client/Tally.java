package dev.heartbeat.bench.client;

import dev.heartbeat.bench.measure.LatencyRecorder;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Counters over every connection of a fleet: how many tried, opened, were welcomed, closed and why. */
public final class Tally {
    private static final int MAX_SAMPLE_CHARS = 300;
    private final LongAdder attempted = new LongAdder();
    private final LongAdder opened = new LongAdder();
    private final LongAdder welcomed = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder frames = new LongAdder();
    private final LongAdder events = new LongAdder();
    private final LongAdder unreadable = new LongAdder();
    private final LongAdder violations = new LongAdder();
    private final AtomicReference<String> firstViolation = new AtomicReference<>();
    private final ConcurrentMap<String, LongAdder> closeCodes = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> errors = new ConcurrentHashMap<>();
    /** From the start of the connect to the welcome frame: TCP, HTTP upgrade and the server's admission. */
    private final LatencyRecorder handshake = new LatencyRecorder();

    void countAttempt() {
        attempted.increment();
    }

    void countOpened() {
        opened.increment();
    }

    void countWelcome(long handshakeNanos) {
        welcomed.increment();
        handshake.recordMicros(handshakeNanos / 1_000);
    }

    void countFrame(int eventCount) {
        frames.increment();
        if (eventCount < 0) {
            unreadable.increment();
        } else {
            events.add(eventCount);
        }
    }

    /** The server broke the contract; the first example is kept (shortened) for the report. */
    void countViolation(String what, String frame) {
        violations.increment();
        String sample = frame.length() > MAX_SAMPLE_CHARS ? frame.substring(0, MAX_SAMPLE_CHARS) + "..." : frame;
        firstViolation.compareAndSet(null, what + ": " + sample);
    }

    void countError(String code) {
        errors.computeIfAbsent(code, k -> new LongAdder()).increment();
    }

    void countClose(int code) {
        closed.increment();
        closeCodes.computeIfAbsent(Integer.toString(code), k -> new LongAdder()).increment();
    }

    void countFailure(Throwable cause) {
        failed.increment();
        failures.computeIfAbsent(FailureNames.of(cause), k -> new LongAdder()).increment();
    }

    public long attempted() {
        return attempted.sum();
    }

    public long opened() {
        return opened.sum();
    }

    public long welcomedCount() {
        return welcomed.sum();
    }

    public long closedCount() {
        return closed.sum();
    }

    public long failedCount() {
        return failed.sum();
    }

    /** Opened and not closed yet. */
    public long open() {
        return opened.sum() - closed.sum();
    }

    public long frames() {
        return frames.sum();
    }

    public long events() {
        return events.sum();
    }

    public long unreadableFrames() {
        return unreadable.sum();
    }

    public long protocolViolations() {
        return violations.sum();
    }

    /** The first contract violation seen, or an empty string. */
    public String firstProtocolViolation() {
        String first = firstViolation.get();
        return first == null ? "" : first;
    }

    public LatencyRecorder handshake() {
        return handshake;
    }

    /** Close codes seen, e.g. {"1000": 12, "1013": 1}, sorted. */
    public Map<String, Long> closeCodes() {
        return snapshot(closeCodes);
    }

    /** Why connects failed, e.g. {"refused": 3, "http-503": 10}, sorted. */
    public Map<String, Long> failures() {
        return snapshot(failures);
    }

    /** Error events received by code, e.g. {"rate-limited": 2}. */
    public Map<String, Long> errors() {
        return snapshot(errors);
    }

    private static Map<String, Long> snapshot(ConcurrentMap<String, LongAdder> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}
