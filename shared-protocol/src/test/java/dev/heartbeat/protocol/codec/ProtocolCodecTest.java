package dev.heartbeat.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartbeat.protocol.message.Batch;
import dev.heartbeat.protocol.message.ClientMessage;
import dev.heartbeat.protocol.message.ErrorCode;
import dev.heartbeat.protocol.message.Join;
import dev.heartbeat.protocol.message.Leave;
import dev.heartbeat.protocol.message.LeaveReason;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.MemberStatus;
import dev.heartbeat.protocol.message.Ping;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.protocol.message.PulseRequest;
import dev.heartbeat.protocol.message.ServerMessage;
import dev.heartbeat.protocol.message.WaitingCount;
import dev.heartbeat.protocol.message.Welcome;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProtocolCodecTest {
    private final ProtocolCodec codec = new ProtocolCodec();
    private final ObjectMapper json = new ObjectMapper();

    static Stream<String> serverGolden() {
        return GoldenMessages.SERVER.stream();
    }

    static Stream<String> clientGolden() {
        return GoldenMessages.CLIENT.stream();
    }

    @ParameterizedTest
    @MethodSource("serverGolden")
    void everyServerMessageRoundTripsToTheSameJson(String name) throws Exception {
        String golden = GoldenMessages.server(name);
        ServerMessage message = ok(codec.decodeServer(golden));
        String encoded = codec.encode(message);
        assertThat(json.readTree(encoded)).isEqualTo(json.readTree(golden));
        assertThat(ok(codec.decodeServer(encoded))).isEqualTo(message);
    }

    @ParameterizedTest
    @MethodSource("clientGolden")
    void everyClientMessageRoundTripsToTheSameJson(String name) throws Exception {
        String golden = GoldenMessages.client(name);
        ClientMessage message = ok(codec.decodeClient(golden));
        assertThat(json.readTree(codec.encode(message))).isEqualTo(json.readTree(golden));
    }

    @Test
    void welcomeDecodesIntoTypedFields() {
        Welcome welcome = (Welcome) ok(codec.decodeServer(GoldenMessages.server("welcome")));
        assertThat(welcome.you()).isEqualTo(new Member("k3f9a2", "Ada", 212, 0.37));
        assertThat(welcome.status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(welcome.limits().maxMessageBytes()).isEqualTo(1024);
        assertThat(welcome.members()).containsExactly(welcome.you());
    }

    @Test
    void encodeBytesIsTheUtf8OfTheEncodedText() {
        // The server writes these bytes as text frames without ever making the String.
        for (String name : GoldenMessages.SERVER) {
            ServerMessage message = ok(codec.decodeServer(GoldenMessages.server(name)));
            assertThat(codec.encodeBytes(message)).as(name)
                    .isEqualTo(codec.encode(message).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Join nonAscii = new Join(new Member("k3f9a2", "Zoë 心拍 \uD83D\uDC93", 212, 0.37));
        assertThat(new String(codec.encodeBytes(nonAscii), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(codec.encode(nonAscii));
    }

    @Test
    void typeComesFirstSoFramesReadWellInLogs() {
        assertThat(codec.encode(new Leave("a1", LeaveReason.KICKED))).startsWith("{\"type\":\"leave\"");
    }

    @Test
    void pulseWithoutStrengthMeansFullStrength() {
        PulseRequest pulse = (PulseRequest) ok(codec.decodeClient("{\"type\":\"pulse\"}"));
        assertThat(pulse.effectiveStrength()).isEqualTo(1.0);
    }

    @Test
    void unknownFieldsAreIgnored() {
        assertThat(ok(codec.decodeClient("{\"type\":\"ping\",\"t\":5,\"extra\":[1,{\"x\":2}]}")))
                .isEqualTo(new Ping(5));
    }

    @Test
    void unknownEventTypesInsideABatchAreSkipped() {
        String frame = "{\"type\":\"batch\",\"events\":[{\"type\":\"fireworks\",\"n\":3},{\"type\":\"waiting\",\"count\":2}]}";
        assertThat(ok(codec.decodeServer(frame))).isEqualTo(new Batch(List.of(new WaitingCount(2))));
    }

    @Test
    void batchFrameJoinsEventsEncodedOnce() {
        String a = codec.encode(new Pulse("a1", 1.0, 10));
        String b = codec.encode(new Join(new Member("b2", "Bo", 3, 0.5)));
        Batch batch = (Batch) ok(codec.decodeServer(ProtocolCodec.batchFrame(List.of(a, b))));
        assertThat(batch.events()).containsExactly(new Pulse("a1", 1.0, 10), new Join(new Member("b2", "Bo", 3, 0.5)));
        assertThat(ProtocolCodec.batchFrame(List.of(a))).isEqualTo(a);
    }

    static Stream<Arguments> invalidClientFrames() throws Exception {
        JsonNode cases = new ObjectMapper().readTree(GoldenMessages.read("/golden/invalid-client.json"));
        return Stream.iterate(0, i -> i < cases.size(), i -> i + 1)
                .map(cases::get)
                .map(c -> Arguments.of(c.get("frame").asText(), DecodeError.Kind.valueOf(c.get("kind").asText())));
    }

    @ParameterizedTest
    @MethodSource("invalidClientFrames")
    void invalidFramesGiveTypedReadableErrors(String frame, DecodeError.Kind kind) {
        DecodeError error = failed(codec.decodeClient(frame));
        assertThat(error.kind()).as(error.message()).isEqualTo(kind);
        assertThat(error.message()).isNotBlank().doesNotContain("dev.heartbeat").doesNotContain("\n");
        assertThat(error.wireCode()).isEqualTo(ErrorCode.BAD_MESSAGE);
    }

    @Test
    void errorsNameTheFieldAndTheRule() {
        assertThat(failed(codec.decodeClient("{\"type\":\"pulse\",\"strength\":2}")).message())
                .contains("strength").contains("(0, 1]");
        assertThat(failed(codec.decodeClient("{\"type\":\"ping\"}")).message()).contains("'t'");
        assertThat(failed(codec.decodeClient("{\"type\":\"dance\"}")).message()).contains("'dance'").contains("ping");
    }

    @Test
    void framesOverTheLimitAreTooBig() {
        String big = "{\"type\":\"rename\",\"name\":\"" + "é".repeat(600) + "\"}";
        DecodeError error = failed(codec.decodeClient(big));
        assertThat(error.kind()).isEqualTo(DecodeError.Kind.TOO_BIG);
        assertThat(error.wireCode()).isEqualTo(ErrorCode.TOO_BIG);
        assertThat(codec.decodeClient("{\"type\":\"rename\",\"name\":\"" + "é".repeat(400) + "\"}"))
                .isInstanceOf(Decoded.Ok.class);
    }

    @Test
    void deeplyNestedInputIsAnErrorNotACrash() {
        String deep = "{\"type\":\"ping\",\"t\":1,\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThat(new ProtocolCodec(1 << 20).decodeClient(deep)).isInstanceOf(Decoded.Failed.class);
    }

    static <T> T ok(Decoded<T> decoded) {
        assertThat(decoded).isInstanceOf(Decoded.Ok.class);
        return ((Decoded.Ok<T>) decoded).message();
    }

    static DecodeError failed(Decoded<?> decoded) {
        assertThat(decoded).isInstanceOf(Decoded.Failed.class);
        return ((Decoded.Failed<?>) decoded).error();
    }
}
