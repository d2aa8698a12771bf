package dev.heartbeat.server.record;

import dev.heartbeat.protocol.codec.ProtocolCodec;
import dev.heartbeat.protocol.message.Join;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.protocol.message.ServerEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What recording adds to the fan-out path: the time of one {@link SpaceRecorder#broadcast} call
 * (it runs under the space's lock), with the writer thread writing to a real folder meanwhile.
 * 100 spaces of 100 members pulse as fast as one thread can call; prints percentiles and how many
 * lines were dropped. Not a test. Run with
 * <pre>
 * mvn -B -o -q -pl server test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.heartbeat.server.record.RecorderOverheadBenchmark
 * </pre>
 */
public final class RecorderOverheadBenchmark {
    private static final int SPACES = 100;
    private static final int MEMBERS = 100;
    private static final int CALLS = 2_000_000;

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("recorder-bench");
        ProtocolCodec codec = new ProtocolCodec();
        SpaceRecorder recorder = new SpaceRecorder(RecordingSettings.of(dir).withMinFreeBytes(0), new SimpleMeterRegistry());
        try {
            long now = System.currentTimeMillis();
            for (int s = 0; s < SPACES; s++) {
                recorder.spaceOpened("space-" + s, MEMBERS, now);
                for (int m = 0; m < MEMBERS; m++) {
                    Join join = new Join(new Member("s" + s + "m" + m, "M" + m, m % 360, 0.5));
                    recorder.broadcast("space-" + s, join, codec.encode(join), now);
                }
            }
            // Encoded once per event, as the fan-out does; the recorder gets the same string.
            ServerEvent[] events = new ServerEvent[SPACES * MEMBERS];
            String[] encoded = new String[events.length];
            for (int i = 0; i < events.length; i++) {
                events[i] = new Pulse("s" + (i / MEMBERS) + "m" + (i % MEMBERS), 1, now);
                encoded[i] = codec.encode(events[i]);
            }
            for (int round = 0; round < 2; round++) {
                long[] nanos = new long[CALLS];
                long droppedBefore = recorder.droppedLines();
                long started = System.nanoTime();
                for (int i = 0; i < CALLS; i++) {
                    int e = i % events.length;
                    long t0 = System.nanoTime();
                    recorder.broadcast("space-" + (e / MEMBERS), events[e], encoded[e], System.currentTimeMillis());
                    nanos[i] = System.nanoTime() - t0;
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                Arrays.sort(nanos);
                System.out.printf("%s: %,d broadcast calls in %.2f s (%,.0f/s): p50 %.2f µs, p99 %.2f µs, p99.9 %.2f µs, max %.0f µs; dropped %,d%n",
                        round == 0 ? "warm-up" : "measured", CALLS, seconds, CALLS / seconds, nanos[CALLS / 2] / 1e3,
                        nanos[CALLS * 99 / 100] / 1e3, nanos[CALLS * 999 / 1000] / 1e3, nanos[CALLS - 1] / 1e3,
                        recorder.droppedLines() - droppedBefore);
            }
        } finally {
            recorder.close();
            long bytes;
            try (Stream<Path> files = Files.list(dir)) {
                bytes = files.mapToLong(f -> f.toFile().length()).sum();
            }
            System.out.printf("written: %,d bytes in %d files%n", bytes, SPACES);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
