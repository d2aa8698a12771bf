package dev.heartbeat.protocol.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Seeking in a one-hour recording of a full space of 100 members, each pulsing about once a
 * second: how long {@link Timeline#stateAt} takes at random times (the issue asks for under
 * 50 ms), and what loading the file costs first. Prints figures; not a test. Run with
 * <pre>
 * mvn -B -o -q -pl shared-protocol test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.heartbeat.protocol.recording.TimelineSeekBenchmark
 * </pre>
 */
public final class TimelineSeekBenchmark {
    private static final long HOUR_MS = 3_600_000;
    private static final int MEMBERS = 100;
    private static final int SEEKS = 20_000;

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("hbrec-bench");
        try {
            long started = System.nanoTime();
            ScriptedSession session = new ScriptedSession(2026, HOUR_MS, MEMBERS, MEMBERS, 1.0, 0.02);
            System.out.printf("generated 1 h, %d members: %,d lines in %.0f ms%n", MEMBERS, session.entries.size(), ms(System.nanoTime() - started));

            for (boolean gzip : new boolean[] {false, true}) {
                Path file = dir.resolve(gzip ? "hour.hbrec.gz" : "hour.hbrec");
                started = System.nanoTime();
                session.write(file, gzip);
                double writeMs = ms(System.nanoTime() - started);
                System.out.printf("%n%s: %,d bytes, written in %.0f ms%n", file.getFileName(), Files.size(file), writeMs);

                // The first load runs cold; the best of three shows the steady cost.
                double[] loads = new double[3];
                Timeline timeline = null;
                for (int i = 0; i < loads.length; i++) {
                    started = System.nanoTime();
                    timeline = Timeline.load(file);
                    loads[i] = ms(System.nanoTime() - started);
                }
                System.out.printf("  load (read + index): first %.0f ms, best %.0f ms; %,d entries, %,d pulses, %d checkpoints%n",
                        loads[0], Arrays.stream(loads).min().orElseThrow(), timeline.entries().size(),
                        timeline.stats().pulses(), timeline.checkpointCount());
                if (!gzip) System.out.printf("  heap held by the timeline: about %.0f MB%n", heldMb(file));
                seek(timeline);
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) Files.delete(file);
            }
            Files.delete(dir);
        }
    }

    private static void seek(Timeline timeline) {
        Random random = new Random(1);
        long duration = timeline.duration();
        long sink = 0;
        for (int i = 0; i < 5_000; i++) sink += timeline.stateAt((long) (random.nextDouble() * duration)).members().size(); // warm-up
        long[] nanos = new long[SEEKS];
        for (int i = 0; i < SEEKS; i++) {
            long t = (long) (random.nextDouble() * duration);
            long start = System.nanoTime();
            TimelineState state = timeline.stateAt(t);
            nanos[i] = System.nanoTime() - start;
            sink += state.members().size() + state.lastPulse().size();
        }
        Arrays.sort(nanos);
        System.out.printf("  stateAt, %,d random seeks: mean %.3f ms, p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                SEEKS, ms(Arrays.stream(nanos).sum() / SEEKS), ms(nanos[SEEKS / 2]), ms(nanos[SEEKS * 99 / 100]), ms(nanos[SEEKS - 1]));
        // Early and late seeks cost the same: the work does not grow with the position.
        System.out.printf("  stateAt at 1 min %.3f ms, at 59 min %.3f ms (median of 1000 each)%n",
                medianSeek(timeline, 60_000), medianSeek(timeline, duration - 60_000));
        long start = System.nanoTime();
        int entries = 0;
        for (int i = 0; i < 1000; i++) {
            long t = (long) (random.nextDouble() * (duration - 1000));
            entries += timeline.between(t, t + 1000).size();
        }
        System.out.printf("  between(t, t+1 s): %.3f ms per call, %d entries on average%n", ms((System.nanoTime() - start) / 1000), entries / 1000);
        if (sink == 42) System.out.println();
    }

    /** Heap in use with one more timeline of {@code file} loaded, after full collections. */
    private static double heldMb(Path file) throws IOException {
        Runtime runtime = Runtime.getRuntime();
        long before = used(runtime);
        Timeline held = Timeline.load(file);
        long after = used(runtime);
        if (held.duration() < 0) System.out.println();
        return (after - before) / 1e6;
    }

    private static long used(Runtime runtime) {
        for (int i = 0; i < 3; i++) System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static double medianSeek(Timeline timeline, long t) {
        long[] nanos = new long[1000];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            timeline.stateAt(t + i);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return ms(nanos[nanos.length / 2]);
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
