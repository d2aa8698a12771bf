package dev.heartbeat.server.record;

import dev.heartbeat.protocol.message.Join;
import dev.heartbeat.protocol.message.Leave;
import dev.heartbeat.protocol.message.Rename;
import dev.heartbeat.protocol.message.ServerEvent;
import dev.heartbeat.protocol.message.WaitingCount;
import dev.heartbeat.server.space.SpaceObserver;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every space: one file per space session (first viewer to empty space), in the
 * contract's format. The observer callbacks run under a space's lock, so they only put a line in
 * a bounded queue and return; one thread ({@link RecordingLoop}) writes the files. When the queue
 * is full, lines are dropped and counted rather than waited for: pulses first (a quarter of the
 * queue is kept for the rest), and after a lost join or leave the next line is preceded by a
 * snapshot, so a replay is right again from there. Opens and closes have room of their own, and
 * the last snapshot of a session is taken from this side's own copy of its members.
 */
public final class SpaceRecorder implements SpaceObserver, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpaceRecorder.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final long LOG_DROPS_EVERY_MS = 10_000;
    /** Room beyond the queue's limit for opens and closes, so that a session's end is not lost to a flood. */
    private static final int CONTROL_RESERVE = 1024;

    private final RecordingSettings settings;
    private final Clock clock;
    private final BlockingQueue<RecordingLine> queue;
    private final int pulseLimit;
    private final Map<String, RecordedSpace> spaces = new ConcurrentHashMap<>();
    private final RecorderMetrics metrics;
    private final RecordingLoop loop;
    private final Thread thread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long lastDropLogged;

    /** Starts the recording thread; {@link #close()} writes what is queued and closes the files. */
    public SpaceRecorder(RecordingSettings settings, MeterRegistry registry) {
        this(settings, registry, Clock.systemUTC());
    }

    SpaceRecorder(RecordingSettings settings, MeterRegistry registry, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(settings.queueLines() + CONTROL_RESERVE);
        this.pulseLimit = settings.queueLines() - settings.queueLines() / 4;
        this.metrics = new RecorderMetrics(registry, queue::size, this::openFiles, this::failing);
        this.loop = new RecordingLoop(settings, queue, metrics, clock);
        this.thread = new Thread(loop, "heartbeat-recorder");
        thread.setDaemon(true);
        thread.start();
        LOG.info("recording spaces to {} ({}; keep {})", loop.folder().path(), settings.gzip() ? "gzip" : "plain", settings.retention());
    }

    @Override
    public void spaceOpened(String space, int capacity, long serverTime) {
        RecordedSpace session = new RecordedSpace(space, capacity, serverTime);
        RecordedSpace previous = spaces.put(space, session);
        if (previous != null) close(previous, serverTime); // a close we never heard of
        offer(session, new RecordingLine.Open(session));
    }

    @Override
    public void broadcast(String space, ServerEvent event, String encoded, long serverTime) {
        RecordedSpace session = spaces.get(space);
        if (session == null || session.closed) return; // opened before this recorder existed, or after close()
        boolean membership = event instanceof Join || event instanceof Leave || event instanceof Rename || event instanceof WaitingCount;
        if (membership) session.mirror.apply(0, event);
        if (event.droppable() && queue.size() >= pulseLimit) {
            dropped();
            return;
        }
        offer(session, new RecordingLine.Event(session, serverTime, event, encoded));
    }

    @Override
    public void spaceClosed(String space, long serverTime) {
        RecordedSpace session = spaces.remove(space);
        if (session != null) close(session, serverTime);
    }

    private void close(RecordedSpace session, long serverTime) {
        // From here the mirror no longer changes; the writer thread reads it for the last snapshot.
        session.closedAt = serverTime;
        session.closed = true;
        if (!queue.offer(new RecordingLine.Close(session, serverTime))) {
            session.closeLost = true;
            dropped();
        }
    }

    private void offer(RecordedSpace session, RecordingLine line) {
        if (closed.get()) return;
        boolean control = line instanceof RecordingLine.Open;
        if (session.resync) {
            if (queue.size() >= settings.queueLines()
                    || !queue.offer(new RecordingLine.Resync(session, serverTimeOf(line), session.mirror.members(), session.mirror.waiting()))) {
                dropped();
                return;
            }
            session.resync = false;
        }
        if ((!control && queue.size() >= settings.queueLines()) || !queue.offer(line)) {
            if (!(line instanceof RecordingLine.Event event && event.event().droppable())) session.resync = true;
            dropped();
        }
    }

    private long serverTimeOf(RecordingLine line) {
        if (line instanceof RecordingLine.Event event) return event.serverTime();
        if (line instanceof RecordingLine.Close close) return close.serverTime();
        return clock.millis();
    }

    private void dropped() {
        metrics.droppedQueueFull();
        long now = clock.millis();
        if (now - lastDropLogged >= LOG_DROPS_EVERY_MS) {
            lastDropLogged = now;
            LOG.warn("the recording queue is full ({} lines): dropping lines, {} so far; the disk is slower than the spaces",
                    settings.queueLines(), metrics.dropped());
        }
    }

    /** Empty when recording works; otherwise what is wrong, for {@code /health}. */
    public Optional<String> problem() {
        return Optional.ofNullable(loop.problem());
    }

    /** The folder recordings are written to. */
    public RecordingFolder folder() {
        return loop.folder();
    }

    /** Recordings being written now, by id: what the listing shows for them instead of reading the file. */
    public Map<String, RecordingInfo> live() {
        return Map.copyOf(loop.live());
    }

    /** Lines dropped so far (queue full or disk failing). */
    public long droppedLines() {
        return metrics.dropped();
    }

    private int openFiles() {
        return loop.openFiles();
    }

    private int failing() {
        return loop.failing();
    }

    /** Writes what is queued, ends every recording with a last snapshot, and closes the files. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        long now = clock.millis();
        for (RecordedSpace session : spaces.values()) close(session, now);
        spaces.clear();
        loop.stop();
        try {
            thread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) LOG.warn("the recording thread did not finish within {} s", STOP_TIMEOUT.toSeconds());
        else LOG.info("recordings closed");
    }
}
