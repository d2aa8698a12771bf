package dev.heartbeat.bench.run;

import dev.heartbeat.bench.client.ClientFleet;
import dev.heartbeat.bench.client.ProbeConnection;
import dev.heartbeat.bench.client.Traffic;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/** Opens a number of connections at a bounded pace and waits until each got its welcome or failed. */
final class Ramp {
    private static final long SETTLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private Ramp() {}

    /**
     * Opens {@code count} connections numbered from {@code firstIndex}, at most {@code perSecond}
     * a second (0 = no pacing beyond the fleet's handshake slots), stopping at {@code deadlineNanos}.
     * Returns once every opened connection is settled (welcomed or ended) or the deadline passed.
     */
    static List<ProbeConnection> open(ClientFleet fleet, IntFunction<URI> uriOf, int firstIndex, int count,
                                      Traffic traffic, double perSecond, long deadlineNanos) throws InterruptedException {
        List<ProbeConnection> opened = new ArrayList<>(count);
        long start = System.nanoTime();
        for (int i = 0; i < count && System.nanoTime() < deadlineNanos; i++) {
            if (perSecond > 0) {
                long due = start + (long) (i * 1e9 / perSecond);
                sleepUntil(Math.min(due, deadlineNanos));
            }
            ProbeConnection connection = fleet.open(uriOf.apply(firstIndex + i), firstIndex + i, traffic, deadlineNanos);
            if (connection == null) break;
            opened.add(connection);
        }
        awaitSettled(opened, deadlineNanos);
        return opened;
    }

    /** Waits until every connection was welcomed or ended, or the deadline. */
    static void awaitSettled(List<ProbeConnection> connections, long deadlineNanos) throws InterruptedException {
        int from = 0;
        while (System.nanoTime() < deadlineNanos) {
            // Connections settle roughly in order, so the scan resumes where it stopped.
            while (from < connections.size() && settled(connections.get(from))) from++;
            if (from == connections.size()) return;
            sleepUntil(Math.min(System.nanoTime() + SETTLE_POLL_NANOS, deadlineNanos));
        }
    }

    static boolean settled(ProbeConnection connection) {
        return connection.welcome() != null || connection.hasEnded();
    }

    /** Sleeps until {@code nanos} of {@link System#nanoTime()}. */
    static void sleepUntil(long nanos) throws InterruptedException {
        long remaining;
        while ((remaining = nanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
            if (Thread.interrupted()) throw new InterruptedException();
        }
    }

    /** Closes every connection normally and waits, at most until {@code deadlineNanos}, for the closes. */
    static void closeAll(List<ProbeConnection> connections, long deadlineNanos) throws InterruptedException {
        // Latest first: a queue that empties from its back tells nobody a new position.
        for (int i = connections.size() - 1; i >= 0; i--) connections.get(i).close();
        int from = 0;
        while (System.nanoTime() < deadlineNanos) {
            while (from < connections.size() && connections.get(from).hasEnded()) from++;
            if (from == connections.size()) return;
            sleepUntil(Math.min(System.nanoTime() + SETTLE_POLL_NANOS, deadlineNanos));
        }
    }
}
