package dev.heartbeat.server.warmup;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Says when the JIT has caught up with the traffic: for a few seconds in a row its compiler
 * threads hardly worked. A fixed length would be too short on a small machine (its one C2 thread
 * still compiling Jetty's request parser when visitors arrive) and too long on a big one.
 */
final class CompilerQuiet implements BooleanSupplier {
    private static final long SAMPLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Compile time a second below which the compilers count as idle: 2 % of one thread. */
    private static final long QUIET_MILLIS = 20;
    private static final int QUIET_SAMPLES = 3;

    /** Null when this JVM cannot tell: then the warm-up runs its whole length. */
    private final CompilationMXBean compiler = measurable(ManagementFactory.getCompilationMXBean());
    private long lastSampleNanos = System.nanoTime();
    private long lastTotalMillis = compiler == null ? 0 : compiler.getTotalCompilationTime();
    private int quietSamples;

    @Override
    public boolean getAsBoolean() {
        if (compiler == null) return false;
        long now = System.nanoTime();
        if (now - lastSampleNanos >= SAMPLE_NANOS) {
            long total = compiler.getTotalCompilationTime();
            quietSamples = total - lastTotalMillis < QUIET_MILLIS ? quietSamples + 1 : 0;
            lastTotalMillis = total;
            lastSampleNanos = now;
        }
        return quietSamples >= QUIET_SAMPLES;
    }

    private static CompilationMXBean measurable(CompilationMXBean compiler) {
        return compiler != null && compiler.isCompilationTimeMonitoringSupported() ? compiler : null;
    }
}
