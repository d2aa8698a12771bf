package dev.heartbeat.server.ws;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one client address may hold: at most {@code maxConnections} open sockets, and new spaces at
 * {@code newSpacesPerMinute} (a burst of as many). Behind a proxy every client shares the proxy's
 * address; set the caps with that in mind.
 */
public final class AddressLimits {
    /** Past this many addresses with a full budget, those are forgotten: they would start full anyway. */
    private static final int FORGET_AT = 10_000;

    private final int maxConnections;
    private final double spacesPerNano;
    private final double spacesBurst;
    private final ConcurrentHashMap<InetAddress, AtomicInteger> open = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<InetAddress, SpaceBudget> spaces = new ConcurrentHashMap<>();

    public AddressLimits(int maxConnections, int newSpacesPerMinute) {
        this.maxConnections = maxConnections;
        this.spacesPerNano = newSpacesPerMinute / 60e9;
        this.spacesBurst = newSpacesPerMinute;
    }

    boolean mayConnect(InetAddress address) {
        AtomicInteger count = open.get(address);
        return count == null || count.get() < maxConnections;
    }

    void opened(InetAddress address) {
        open.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
    }

    void closed(InetAddress address) {
        open.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    /** Takes one new space from the address's budget; false when it has none left. */
    boolean mayMakeSpace(InetAddress address, long nowNanos) {
        if (spaces.size() > FORGET_AT) spaces.values().removeIf(budget -> budget.fullAt(nowNanos));
        return spaces.computeIfAbsent(address, a -> new SpaceBudget(spacesBurst, nowNanos)).take(nowNanos);
    }

    private final class SpaceBudget {
        private double tokens;
        private long lastNanos;

        SpaceBudget(double tokens, long nowNanos) {
            this.tokens = tokens;
            this.lastNanos = nowNanos;
        }

        synchronized boolean take(long nowNanos) {
            refill(nowNanos);
            if (tokens < 1) return false;
            tokens -= 1;
            return true;
        }

        synchronized boolean fullAt(long nowNanos) {
            refill(nowNanos);
            return tokens >= spacesBurst;
        }

        private void refill(long nowNanos) {
            tokens = Math.min(spacesBurst, tokens + (nowNanos - lastNanos) * spacesPerNano);
            lastNanos = nowNanos;
        }
    }
}
