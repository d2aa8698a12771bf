package dev.heartbeat.bench.jmh;

import dev.heartbeat.protocol.codec.ProtocolCodec;
import dev.heartbeat.protocol.message.Pulse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link ProtocolCodec#batchFrame}: once per connection per batching window on the server. With
 * 50 members at 5 pulses a second and a 16 ms window a frame holds about 4 events; a backlog
 * frame holds at most 256.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class BatchBenchmark {
    @Param({"1", "4", "16", "256"})
    public int events;

    private List<String> encoded;

    @Setup
    public void setUp() {
        ProtocolCodec codec = new ProtocolCodec();
        encoded = new ArrayList<>(events);
        for (int i = 0; i < events; i++) encoded.add(codec.encode(new Pulse("member" + (i % 50), 0.5, 1_763_750_002_210L + i)));
    }

    @Benchmark
    public String batchFrame() {
        return ProtocolCodec.batchFrame(encoded);
    }
}
