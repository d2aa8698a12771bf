package dev.heartbeat.server.http;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The liveness check: threads deadlocked on monitors or locks never recover, and a process with
 * them no longer works, whatever else still answers. One JVM-wide look, cheap at probe rates.
 */
public final class Deadlocks {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Deadlocks() {}

    /** Empty when no thread is deadlocked; else which ones are. */
    public static Optional<String> problem() {
        long[] ids = THREADS.findDeadlockedThreads();
        if (ids == null) return Optional.empty();
        String names = Arrays.stream(THREADS.getThreadInfo(ids)).filter(info -> info != null).map(ThreadInfo::getThreadName)
                .collect(Collectors.joining(", "));
        return Optional.of(ids.length + " threads deadlocked: " + names);
    }
}
