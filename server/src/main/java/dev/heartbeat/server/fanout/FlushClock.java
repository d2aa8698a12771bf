package dev.heartbeat.server.fanout;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Flushes outboxes when their batching window ends. A window opens with the first event queued on
 * an idle outbox and lasts {@code batchMs}. Outboxes are spread over one flushing thread per core;
 * each ticks four times a window, so an idle connection costs nothing and a busy one gets at most
 * one frame per window. Every write to a socket happens on these threads, never under a space's lock.
 */
public final class FlushClock implements AutoCloseable {
    private record Due(Outbox outbox, long atNanos) {}

    private final int batchMs;
    private final long windowNanos;
    private final Shard[] shards;

    /** @param batchMs the window; 0 sends at the next tick, within a millisecond */
    public FlushClock(int batchMs) {
        this(batchMs, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    public FlushClock(int batchMs, int threads) {
        this.batchMs = batchMs;
        this.windowNanos = TimeUnit.MILLISECONDS.toNanos(batchMs);
        this.shards = new Shard[threads];
        long tickMicros = Math.max(1_000, TimeUnit.MILLISECONDS.toMicros(batchMs) / 4);
        for (int i = 0; i < threads; i++) shards[i] = new Shard("heartbeat-flush-" + i, tickMicros);
    }

    public int batchMs() {
        return batchMs;
    }

    /** Flushes {@code outbox} when a window from now has passed. */
    void schedule(Outbox outbox) {
        shardOf(outbox).due.add(new Due(outbox, System.nanoTime() + windowNanos));
    }

    /** Flushes {@code outbox} at the next tick: the welcome, and draining at shutdown. */
    void scheduleNow(Outbox outbox) {
        shardOf(outbox).now.add(outbox);
    }

    private Shard shardOf(Outbox outbox) {
        return shards[Math.floorMod(System.identityHashCode(outbox), shards.length)];
    }

    @Override
    public void close() {
        for (Shard shard : shards) shard.ticker.shutdownNow();
    }

    private static final class Shard {
        // Every window is equally long, so this queue is ordered by due time and a tick stops at the first not due.
        final ConcurrentLinkedQueue<Due> due = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Outbox> now = new ConcurrentLinkedQueue<>();
        final ScheduledExecutorService ticker;

        Shard(String name, long tickMicros) {
            ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, name);
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::tick, tickMicros, tickMicros, TimeUnit.MICROSECONDS);
        }

        private void tick() {
            for (Outbox outbox = now.poll(); outbox != null; outbox = now.poll()) flush(outbox);
            long nowNanos = System.nanoTime();
            for (Due next = due.peek(); next != null && next.atNanos() - nowNanos <= 0; next = due.peek()) {
                due.poll();
                flush(next.outbox());
            }
        }

        private static void flush(Outbox outbox) {
            try {
                outbox.flush();
            } catch (RuntimeException e) {
                outbox.fail(e);
            }
        }
    }
}
