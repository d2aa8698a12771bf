package dev.heartbeat.desktop.connection;

import java.util.random.RandomGenerator;

/**
 * Delays between reconnect attempts: exponential with "equal jitter" (half fixed, half random) so
 * that viewers dropped together by one server restart do not all come back in the same instant,
 * yet the first attempts stay short enough to resume within the server's grace period.
 *
 * @param firstMs  the delay before the first retry (default 500 ms)
 * @param maxMs    the longest delay (default 30 s)
 */
public record Backoff(long firstMs, long maxMs, RandomGenerator random) {
    public static final long DEFAULT_FIRST_MS = 500;
    public static final long DEFAULT_MAX_MS = 30_000;

    public Backoff {
        if (firstMs <= 0 || maxMs < firstMs) throw new IllegalArgumentException("need 0 < firstMs <= maxMs");
    }

    public static Backoff standard() {
        return new Backoff(DEFAULT_FIRST_MS, DEFAULT_MAX_MS, RandomGenerator.getDefault());
    }

    /** The delay before attempt {@code retry} (0 is the first retry), in milliseconds. */
    public long delayMs(int retry) {
        double ceiling = Math.min(maxMs, firstMs * Math.pow(2, Math.max(0, Math.min(retry, 40))));
        return Math.round(ceiling / 2 + random.nextDouble() * ceiling / 2);
    }
}
