package dev.heartbeat.bench.jmh;

import dev.heartbeat.protocol.codec.ProtocolCodec;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.server.fanout.FanoutStats;
import dev.heartbeat.server.fanout.FlushClock;
import dev.heartbeat.server.fanout.FrameSink;
import dev.heartbeat.server.fanout.Outbox;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The server's fan-out (package {@code dev.heartbeat.server.fanout}) to 10,000 in-memory
 * connections whose sockets write instantly: what a broadcast costs the server apart from the
 * network. Scores are per delivered event (each op delivers to every connection).
 *
 * <ul>
 *   <li>{@code immediate}: window 0, every offer sends at once: one frame per event.
 *   <li>{@code batched}: four pulses offered to every connection, then one flush per connection,
 *       as the flush clock does each 16 ms window: one frame per four events.
 *   <li>{@code immediateEncodedPerReceiver}: as {@code immediate} but serializing the event for each
 *       receiver, as a server without serialize-once would: what encoding once buys.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FanoutBenchmark {
    /** Events per window in the batched case: 50 members × 5 pulses/s × 16 ms. */
    private static final int EVENTS_PER_WINDOW = 4;
    /** Long enough that the clock's own tick never flushes during an operation; the benchmark flushes. */
    private static final int MANUAL_WINDOW_MS = 1000;

    /** In-memory connections each broadcast reaches; also the operations per invocation below. */
    private static final int CONNECTIONS = 10_000;

    private final ProtocolCodec codec = new ProtocolCodec();
    private FlushClock immediateClock;
    private FlushClock windowClock;
    private Outbox[] immediate;
    private Outbox[] batched;
    private InstantSink sink;
    private long at = 1_763_750_002_210L;

    /** A socket that has written the frame the moment it is asked to: completes inline. */
    static final class InstantSink implements FrameSink {
        long frames;
        long chars;

        @Override
        public void sendText(String frame, SendCallback callback) {
            frames++;
            chars += frame.length();
            callback.sent();
        }

        @Override
        public void close(int code, String reason) {
            throw new IllegalStateException("a benchmark connection was closed: " + code + " " + reason);
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        sink = new InstantSink();
        immediateClock = new FlushClock(0);
        windowClock = new FlushClock(MANUAL_WINDOW_MS);
        immediate = new Outbox[CONNECTIONS];
        batched = new Outbox[CONNECTIONS];
        for (int i = 0; i < CONNECTIONS; i++) {
            immediate[i] = new Outbox(sink, immediateClock, FanoutStats.NONE, 512, 5_000);
            batched[i] = new Outbox(sink, windowClock, FanoutStats.NONE, 512, 5_000);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        immediateClock.close();
        windowClock.close();
        if (sink.frames == 0) throw new IllegalStateException("nothing was sent");
    }

    /** Encode once, offer to every connection, each sends at once. */
    @Benchmark
    @OperationsPerInvocation(CONNECTIONS)
    public void immediate() {
        String encoded = codec.encode(new Pulse("k3f9a2", 0.5, at++));
        for (Outbox outbox : immediate) outbox.offer(encoded, true);
    }

    /** The same event encoded again for every receiver: the cost serialize-once avoids. */
    @Benchmark
    @OperationsPerInvocation(CONNECTIONS)
    public void immediateEncodedPerReceiver() {
        Pulse pulse = new Pulse("k3f9a2", 0.5, at++);
        for (Outbox outbox : immediate) outbox.offer(codec.encode(pulse), true);
    }

    /** Four pulses into every outbox, then one batch frame per connection. */
    @Benchmark
    @OperationsPerInvocation(CONNECTIONS * EVENTS_PER_WINDOW)
    public void batched() {
        for (int e = 0; e < EVENTS_PER_WINDOW; e++) {
            String encoded = codec.encode(new Pulse("member" + e, 0.5, at++));
            for (Outbox outbox : batched) outbox.offer(encoded, true);
        }
        for (Outbox outbox : batched) outbox.flush();
    }
}
