package dev.heartbeat.server.space;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Queue state is a state, not a stream: the contract lets a viewer get at most one queue length
 * and one position a second, as long as the last one is true. So changes only mark the queue as
 * changed, and {@code tell} runs at most once a second, under the space's lock, after the
 * operation that changed it, to tell whatever is different by then.
 */
public final class QueueNotices {
    static final long EVERY_MS = 1_000;

    private final Object lock;
    private final Runnable tell;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private boolean due;
    private long lastToldMs = Long.MIN_VALUE / 2;

    public QueueNotices(Object lock, Runnable tell, Clock clock, ScheduledExecutorService timers) {
        this.lock = lock;
        this.tell = tell;
        this.clock = clock;
        this.timers = timers;
    }

    /** Under the lock: something about the queue changed. */
    public void changed() {
        if (due) return;
        due = true;
        long wait = Math.max(0, lastToldMs + EVERY_MS - clock.millis());
        timers.schedule(this::tellNow, wait, TimeUnit.MILLISECONDS);
    }

    private void tellNow() {
        synchronized (lock) {
            due = false;
            lastToldMs = clock.millis();
            tell.run();
        }
    }
}
