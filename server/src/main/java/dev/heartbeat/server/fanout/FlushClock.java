package dev.heartbeat.server.fanout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends batching windows. A window opens with the first event for a space (or the first frame
 * queued behind one still in flight on a connection) and lasts {@code batchMs}. Work is spread
 * over one flushing thread per core; each ticks four times a window, so an idle space costs
 * nothing and a busy one gets at most one frame per window. Writes happen on these threads,
 * never under a space's lock.
 */
public final class FlushClock implements AutoCloseable {
    private record Due(Flushable work, long atNanos) {}

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

    /** Flushes {@code work} when a window from now has passed. */
    void schedule(Flushable work) {
        shardOf(work).due.add(new Due(work, System.nanoTime() + windowNanos));
    }

    /** Flushes {@code work} at the next tick: the welcome, and draining at shutdown. */
    void scheduleNow(Flushable work) {
        shardOf(work).now.add(work);
    }

    private Shard shardOf(Flushable work) {
        return shards[Math.floorMod(System.identityHashCode(work), shards.length)];
    }

    /**
     * Ends every open window now, each on its own shard's thread, and waits: at shutdown what the
     * spaces said reaches the outboxes before they close.
     */
    public void drain(Duration timeout) {
        List<Future<?>> drained = new ArrayList<>();
        for (Shard shard : shards) drained.add(shard.ticker.submit(shard::drain));
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Future<?> done : drained) {
            try {
                done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        for (Shard shard : shards) shard.ticker.shutdownNow();
    }

    private static final class Shard {
        // Every window is equally long, so this queue is ordered by due time and a tick stops at the first not due.
        final ConcurrentLinkedQueue<Due> due = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Flushable> now = new ConcurrentLinkedQueue<>();
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
            for (Flushable work = now.poll(); work != null; work = now.poll()) flush(work);
            long nowNanos = System.nanoTime();
            for (Due next = due.peek(); next != null && next.atNanos() - nowNanos <= 0; next = due.peek()) {
                due.poll();
                flush(next.work());
            }
        }

        private void drain() {
            for (Flushable work = now.poll(); work != null; work = now.poll()) flush(work);
            for (Due next = due.poll(); next != null; next = due.poll()) flush(next.work());
        }

        private static void flush(Flushable work) {
            try {
                work.flush();
            } catch (RuntimeException e) {
                work.failed(e);
            }
        }
    }
}
