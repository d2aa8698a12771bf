package dev.heartbeat.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.protocol.codec.Decoded;
import dev.heartbeat.protocol.codec.ProtocolCodec;
import dev.heartbeat.protocol.message.Batch;
import dev.heartbeat.protocol.message.ErrorEvent;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.protocol.message.ServerEvent;
import dev.heartbeat.protocol.message.ServerMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameReaderTest {
    private final FrameReader reader = new FrameReader();

    /** What the reader reported, as short strings in order. */
    private static final class Seen implements FrameReader.Events {
        final List<String> events = new ArrayList<>();

        @Override
        public void pulse(String id, double strength, long at) {
            events.add("pulse " + id + " " + strength + " " + at);
        }

        @Override
        public void error(String code) {
            events.add("error " + code);
        }

        @Override
        public void other(String type) {
            events.add(type);
        }
    }

    /** Reads the frame as a String and as UTF-8 bytes inside a larger array; both must agree. */
    private List<String> read(String frame) {
        Seen seen = new Seen();
        int count = reader.read(frame, seen);
        assertThat(count).isEqualTo(seen.events.size());

        byte[] utf8 = frame.getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[utf8.length + 7];
        System.arraycopy(utf8, 0, padded, 3, utf8.length);
        padded[0] = padded[padded.length - 1] = '}';
        Seen fromBytes = new Seen();
        assertThat(reader.read(padded, 3, utf8.length, fromBytes)).isEqualTo(count);
        assertThat(fromBytes.events).isEqualTo(seen.events);
        return seen.events;
    }

    @Test
    void readsASinglePulseFrame() {
        assertThat(read("{\"type\":\"pulse\",\"id\":\"k3f9a2\",\"strength\":0.5,\"at\":1763750002210}"))
                .containsExactly("pulse k3f9a2 0.5 1763750002210");
    }

    @Test
    void readsEveryEventOfABatchInOrder() {
        assertThat(read("{\"type\":\"batch\",\"events\":[{\"type\":\"pulse\",\"id\":\"a\",\"strength\":1,\"at\":5},"
                + "{\"type\":\"waiting\",\"count\":3},{\"type\":\"error\",\"code\":\"rate-limited\",\"message\":\"slow down\"}]}"))
                .containsExactly("pulse a 1.0 5", "waiting", "error rate-limited");
    }

    @Test
    void acceptsFieldsInAnyOrderAndIgnoresUnknownFieldsAndNestedValues() {
        assertThat(read("{\"events\":[{\"at\":7,\"extra\":{\"deep\":[1,{\"x\":2}]},\"strength\":0.25,\"id\":\"b\",\"type\":\"pulse\"},"
                + "{\"member\":{\"id\":\"c\",\"name\":\"C\",\"hue\":1,\"phase\":0.5},\"type\":\"join\"}],\"type\":\"batch\",\"v\":2}"))
                .containsExactly("pulse b 0.25 7", "join");
    }

    @Test
    void reportsUnknownEventTypesAsOthersAndSkipsNonObjectsInABatch() {
        assertThat(read("{\"type\":\"batch\",\"events\":[{\"type\":\"sparkle\"},42,\"x\",null,{\"type\":\"pong\",\"t\":1,\"serverTime\":2}]}"))
                .containsExactly("sparkle", "pong");
    }

    @Test
    void refusesWhatIsNotOneJsonObject() {
        Seen seen = new Seen();
        for (String frame : List.of("", "[1]", "not json", "{\"type\":\"pulse\"", "{\"type\":\"pulse\"} {}", "\"pulse\"")) {
            assertThat(reader.read(frame, seen)).as(frame).isEqualTo(-1);
        }
        assertThat(seen.events).isEmpty();
    }

    @Test
    void agreesWithTheCodecOnTheGoldenBatch() throws IOException {
        String golden = resource("golden/server/batch.json");
        Decoded<ServerMessage> decoded = new ProtocolCodec().decodeServer(golden);
        List<String> expected = new ArrayList<>();
        for (ServerEvent event : ((Batch) ((Decoded.Ok<ServerMessage>) decoded).message()).events()) {
            if (event instanceof Pulse p) {
                expected.add("pulse " + p.id() + " " + p.strength() + " " + p.at());
            } else if (event instanceof ErrorEvent e) {
                expected.add("error " + e.code().wire());
            } else {
                expected.add(new ProtocolCodec().mapper().valueToTree(event).get("type").asText());
            }
        }
        assertThat(read(golden)).isEqualTo(expected);
    }

    @Test
    void agreesWithTheCodecOnEveryBatchTheServerBuilds() {
        ProtocolCodec codec = new ProtocolCodec();
        List<String> encoded = new ArrayList<>();
        for (int i = 0; i < 256; i++) encoded.add(codec.encode(new Pulse("m" + (i % 7), (i % 1000 + 1) / 1000.0, 1_000L + i)));
        List<String> seen = read(ProtocolCodec.batchFrame(encoded));
        assertThat(seen).hasSize(256);
        assertThat(seen.get(255)).isEqualTo("pulse m3 0.256 1255");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = FrameReaderTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " from the shared-protocol test jar").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }
}
