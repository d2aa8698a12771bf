package dev.heartbeat.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.protocol.codec.ProtocolCodec;
import dev.heartbeat.protocol.message.Limits;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.MemberStatus;
import dev.heartbeat.protocol.message.WaitingCount;
import dev.heartbeat.protocol.message.Welcome;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchedWelcomeTest {
    private final ProtocolCodec codec = new ProtocolCodec();
    private final Member me = new Member("k3f9a2", "Ada", 212, 0.37);
    private final Welcome welcome = new Welcome(1, "lobby", me, "token", MemberStatus.WAITING, 2, 5, List.of(), 2, 1L,
            new Limits(16, 10, 1024));

    @Test
    void findsAWelcomeWrappedInABatchAndKeepsTheEventsBehindIt() {
        String frame = ProtocolCodec.batchFrame(List.of(codec.encode(welcome), codec.encode(new WaitingCount(3)),
                codec.encode(new WaitingCount(4))));

        Optional<BatchedWelcome> found = BatchedWelcome.read(codec, frame);

        assertThat(found).isPresent();
        assertThat(found.get().welcome()).isEqualTo(welcome);
        assertThat(found.get().rest()).isEqualTo("{\"type\":\"batch\",\"events\":[{\"type\":\"waiting\",\"count\":3},"
                + "{\"type\":\"waiting\",\"count\":4}]}");
    }

    @Test
    void aBatchedWelcomeAloneLeavesNothingBehind() {
        String frame = "{\"type\":\"batch\",\"events\":[" + codec.encode(welcome) + "]}";
        assertThat(BatchedWelcome.read(codec, frame)).hasValueSatisfying(found -> assertThat(found.rest()).isNull());
    }

    @Test
    void anythingElseIsNotAWelcome() {
        assertThat(BatchedWelcome.read(codec, codec.encode(new WaitingCount(1)))).isEmpty();
        assertThat(BatchedWelcome.read(codec, "{\"type\":\"batch\",\"events\":[{\"type\":\"waiting\",\"count\":1}]}")).isEmpty();
        assertThat(BatchedWelcome.read(codec, "{\"type\":\"batch\",\"events\":[{\"type\":\"welcome\"}]}")).isEmpty();
        assertThat(BatchedWelcome.read(codec, "nonsense")).isEmpty();
    }
}
