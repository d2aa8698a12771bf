package dev.heartbeat.bench.jmh;

import dev.heartbeat.bench.client.FrameReader;
import dev.heartbeat.protocol.codec.Decoded;
import dev.heartbeat.protocol.codec.ProtocolCodec;
import dev.heartbeat.protocol.message.ClientMessage;
import dev.heartbeat.protocol.message.Limits;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.MemberStatus;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.protocol.message.ServerMessage;
import dev.heartbeat.protocol.message.Welcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The codec on the hot path: the server encodes each event once per broadcast and decodes every
 * client frame; viewers decode every frame they get. Also the load generator's own streaming reader,
 * whose cost is part of every latency the fan-out run measures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class CodecBenchmark {
    private final ProtocolCodec codec = new ProtocolCodec();
    private final FrameReader reader = new FrameReader();
    private Pulse pulse;
    private Welcome welcome;
    private String pulseRequestFrame;
    private String pulseFrame;
    private String batchOf4Frame;
    private long at;

    @Setup
    public void setUp() {
        at = 1_763_750_002_210L;
        pulse = new Pulse("k3f9a2", 0.437, at);
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) members.add(new Member("member" + i, "Member " + i, i * 70, i / 5.0));
        welcome = new Welcome(1, "lobby", members.get(0), "opaque-token-0123456789", MemberStatus.ACTIVE, 0, 5, members, 12,
                at, new Limits(16, 10, 1024));
        pulseRequestFrame = "{\"type\":\"pulse\",\"strength\":0.437}";
        pulseFrame = codec.encode(pulse);
        List<String> four = new ArrayList<>();
        for (int i = 0; i < 4; i++) four.add(codec.encode(new Pulse("member" + i, 0.25 * (i + 1), at + i)));
        batchOf4Frame = ProtocolCodec.batchFrame(four);
    }

    /** Once per broadcast on the server: the same text then goes to every receiver. */
    @Benchmark
    public String encodePulse() {
        return codec.encode(new Pulse(pulse.id(), pulse.strength(), at++));
    }

    /** Once per connection on the server. */
    @Benchmark
    public String encodeWelcome() {
        return codec.encode(welcome);
    }

    /** Every client frame the server reads. */
    @Benchmark
    public Decoded<ClientMessage> decodeClientPulse() {
        return codec.decodeClient(pulseRequestFrame);
    }

    /** A viewer with the shared codec reading one pulse frame. */
    @Benchmark
    public Decoded<ServerMessage> decodeServerPulse() {
        return codec.decodeServer(pulseFrame);
    }

    /** A viewer with the shared codec reading a batch of four pulses. */
    @Benchmark
    public Decoded<ServerMessage> decodeServerBatchOf4() {
        return codec.decodeServer(batchOf4Frame);
    }

    /** The load generator's streaming reader on the same batch: what it costs per received frame. */
    @Benchmark
    public int streamingReadBatchOf4(Blackhole hole) {
        return reader.read(batchOf4Frame, new FrameReader.Events() {
            @Override
            public void pulse(String id, double strength, long when) {
                hole.consume(id);
                hole.consume(strength);
            }

            @Override
            public void error(String code) {
                hole.consume(code);
            }

            @Override
            public void other(String type) {
                hole.consume(type);
            }
        });
    }
}
