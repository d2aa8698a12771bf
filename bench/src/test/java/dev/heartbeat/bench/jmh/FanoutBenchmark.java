package dev.heartbeat.bench.jmh;

import dev.heartbeat.protocol.codec.ProtocolCodec;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.server.fanout.FanoutStats;
import dev.heartbeat.server.fanout.FlushClock;
import dev.heartbeat.server.fanout.FrameSink;
import dev.heartbeat.server.fanout.Outbox;
import dev.heartbeat.server.fanout.Recipient;
import dev.heartbeat.server.fanout.SpaceWindow;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * connections whose sockets write instantly: what a window costs the server apart from the
 * network. Scores are per delivered event.
 *
 * <ul>
 *   <li>{@code spaceWindow}: four pulses from four members into one space's window, then the window
 *       ends: one frame encoded once for everyone, four frames of their own for the senders.
 *   <li>{@code framePerConnection}: the same four events assembled and UTF-8 encoded into a frame for
 *       each connection, as the server did before windows were per space: what encoding once buys.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FanoutBenchmark {
    /** Events per window: 50 members × 5 pulses/s × 16 ms. */
    private static final int EVENTS_PER_WINDOW = 4;
    /** Long enough that the clock's own tick never ends a window during an operation; the benchmark does. */
    private static final int MANUAL_WINDOW_MS = 1000;
    private static final int CONNECTIONS = 10_000;

    private final ProtocolCodec codec = new ProtocolCodec();
    private FlushClock clock;
    private List<Viewer> viewers;
    private SpaceWindow window;
    private InstantSink sink;
    private long at = 1_763_750_002_210L;

    /** A socket that has written the frame the moment it is asked to: completes inline. */
    static final class InstantSink implements FrameSink {
        long frames;
        long bytes;

        @Override
        public void send(ByteBuffer utf8, SendCallback callback) {
            frames++;
            bytes += utf8.remaining();
            callback.sent();
        }

        @Override
        public void close(int code, String reason) {
            throw new IllegalStateException("a benchmark connection was closed: " + code + " " + reason);
        }
    }

    static final class Viewer extends Recipient {
        final Outbox outbox;

        Viewer(Outbox outbox) {
            this.outbox = outbox;
        }

        @Override
        public Outbox outbox() {
            return outbox;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        sink = new InstantSink();
        clock = new FlushClock(MANUAL_WINDOW_MS);
        viewers = new ArrayList<>(CONNECTIONS);
        for (int i = 0; i < CONNECTIONS; i++) viewers.add(new Viewer(new Outbox(sink, clock, FanoutStats.NONE, 512, 5_000)));
        window = new SpaceWindow(this, () -> viewers, clock, FanoutStats.NONE);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        clock.close();
        if (sink.frames == 0) throw new IllegalStateException("nothing was sent");
    }

    @Benchmark
    @OperationsPerInvocation(CONNECTIONS * EVENTS_PER_WINDOW)
    public void spaceWindow() {
        synchronized (this) {
            for (int e = 0; e < EVENTS_PER_WINDOW; e++) {
                window.toAll(codec.encodeBytes(new Pulse("member" + e, 0.5, at++)), true, viewers.get(e));
            }
        }
        window.flush();
    }

    @Benchmark
    @OperationsPerInvocation(CONNECTIONS * EVENTS_PER_WINDOW)
    public void framePerConnection() {
        List<String> events = new ArrayList<>(EVENTS_PER_WINDOW);
        for (int e = 0; e < EVENTS_PER_WINDOW; e++) events.add(codec.encode(new Pulse("member" + e, 0.5, at++)));
        for (Viewer viewer : viewers) {
            byte[] frame = ProtocolCodec.batchFrame(events).getBytes(StandardCharsets.UTF_8);
            sink.send(ByteBuffer.wrap(frame), NOTHING);
        }
    }

    private static final FrameSink.SendCallback NOTHING = new FrameSink.SendCallback() {
        @Override
        public void sent() {}

        @Override
        public void failed(Throwable cause) {}
    };
}
