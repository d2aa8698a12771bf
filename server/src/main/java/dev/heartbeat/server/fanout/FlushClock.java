package dev.heartbeat.server.fanout;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Flushes outboxes when their batching window ends. A window opens with the first event queued on
 * an idle outbox and lasts {@code batchMs}; one thread serves every connection, ticking four times
 * a window, so an idle connection costs nothing and a busy one gets at most one frame per window.
 */
public final class FlushClock implements AutoCloseable {
    private record Due(Outbox outbox, long atNanos) {}

    private final int batchMs;
    private final long windowNanos;
    // Every window is equally long, so the queue is ordered by due time and a tick stops at the first not due.
    private final ConcurrentLinkedQueue<Due> due = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService ticker;

    /** @param batchMs the window; 0 means outboxes send at once and the clock only paces their backlog */
    public FlushClock(int batchMs) {
        this.batchMs = batchMs;
        this.windowNanos = TimeUnit.MILLISECONDS.toNanos(batchMs);
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "heartbeat-flush");
            thread.setDaemon(true);
            return thread;
        });
        long tickMicros = Math.max(1_000, TimeUnit.MILLISECONDS.toMicros(batchMs) / 4);
        ticker.scheduleAtFixedRate(this::tick, tickMicros, tickMicros, TimeUnit.MICROSECONDS);
    }

    public int batchMs() {
        return batchMs;
    }

    /** Flushes {@code outbox} when a window from now has passed. */
    void schedule(Outbox outbox) {
        due.add(new Due(outbox, System.nanoTime() + windowNanos));
    }

    private void tick() {
        long now = System.nanoTime();
        for (Due next = due.peek(); next != null && next.atNanos() - now <= 0; next = due.peek()) {
            due.poll();
            try {
                next.outbox().flush();
            } catch (RuntimeException e) {
                next.outbox().fail(e);
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
