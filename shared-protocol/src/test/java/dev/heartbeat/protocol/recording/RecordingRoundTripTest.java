package dev.heartbeat.protocol.recording;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartbeat.protocol.codec.ProtocolCodec;
import dev.heartbeat.protocol.message.Join;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.Pulse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingRoundTripTest {
    @TempDir Path dir;

    private final ProtocolCodec codec = new ProtocolCodec();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyEntryReadsBackAsWritten() throws IOException {
        ScriptedSession session = new ScriptedSession(1, 120_000, 5, 0.8, 0.1);
        Path file = session.write(dir.resolve("s.hbrec"), false);

        try (RecordingReader reader = RecordingReader.open(file)) {
            assertThat(reader.header()).isEqualTo(session.header);
            assertThat(reader.readAll()).isEqualTo(session.entries);
            assertThat(reader.truncated()).isFalse();
            assertThat(reader.unknownSkipped()).isZero();
            assertThat(reader.damagedSkipped()).isZero();
            assertThat(reader.gzip()).isFalse();
        }
    }

    @Test
    void gzipRoundTripsAndIsRecognisedByItsBytesNotItsName() throws IOException {
        ScriptedSession session = new ScriptedSession(2, 60_000, 5, 0.8, 0.1);
        Path gzipNamedPlain = session.write(dir.resolve("really-gzip.hbrec"), true);
        Path plainNamedGzip = session.write(dir.resolve("really-plain.hbrec.gz"), false);

        assertThat(Files.readAllBytes(gzipNamedPlain)[0]).isEqualTo((byte) 0x1f);
        for (Path file : List.of(gzipNamedPlain, plainNamedGzip)) {
            try (RecordingReader reader = RecordingReader.open(file)) {
                assertThat(reader.gzip()).isEqualTo(file == gzipNamedPlain);
                assertThat(reader.readAll()).isEqualTo(session.entries);
            }
        }
        assertThat(Files.size(gzipNamedPlain)).isLessThan(Files.size(plainNamedGzip) / 3);
    }

    @Test
    void linesAreTheContractsFormatWithTFirst() throws IOException {
        Member ada = new Member("k3f9a2", "Ada", 212, 0.37);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (RecordingWriter writer = new RecordingWriter(bytes, new RecordingHeader("lobby", ScriptedSession.START, 5), false)) {
            writer.snapshot(0, List.of(), 0);
            writer.event(1520, new Join(ada));
            writer.encodedEvent(2210, codec.encode(new Pulse("k3f9a2", 1, 1763750002210L)));
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();

        assertThat(lines).containsExactly(
                "{\"format\":\"heartbeat-recording\",\"version\":1,\"space\":\"lobby\",\"startedAt\":\"2026-11-21T20:00:00Z\",\"capacity\":5}",
                "{\"t\":0,\"type\":\"snapshot\",\"members\":[],\"waiting\":0}",
                "{\"t\":1520,\"type\":\"join\",\"member\":{\"id\":\"k3f9a2\",\"name\":\"Ada\",\"hue\":212,\"phase\":0.37}}",
                "{\"t\":2210,\"type\":\"pulse\",\"id\":\"k3f9a2\",\"strength\":1.0,\"at\":1763750002210}");
    }

    @Test
    void anEventLineIsTheWireFrameWithT() throws IOException {
        Pulse pulse = new Pulse("k3f9a2", 0.5, 1763750002210L);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (RecordingWriter writer = new RecordingWriter(bytes, new RecordingHeader("lobby", ScriptedSession.START, 5), false)) {
            writer.event(7, pulse);
        }
        JsonNode line = json.readTree(bytes.toString(StandardCharsets.UTF_8).lines().toList().get(1));
        ((com.fasterxml.jackson.databind.node.ObjectNode) line).remove("t");
        assertThat(line).isEqualTo(json.readTree(codec.encode(pulse)));
    }

    @Test
    void timesNeverStepBackInAFile() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (RecordingWriter writer = new RecordingWriter(bytes, new RecordingHeader("lobby", ScriptedSession.START, 5), false)) {
            writer.snapshot(500, List.of(), 0);
            writer.snapshot(200, List.of(), 1);
            assertThat(writer.lastT()).isEqualTo(500);
        }
        try (RecordingReader reader = new RecordingReader(new ByteArrayInputStream(bytes.toByteArray()), "mem")) {
            assertThat(reader.readAll()).extracting(RecordingEntry::t).containsExactly(500L, 500L);
        }
    }

    @Test
    void bytesWrittenCountsUncompressedUtf8() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RecordingWriter writer = new RecordingWriter(bytes, new RecordingHeader("lobby", ScriptedSession.START, 5), false);
        writer.event(1, new Join(new Member("a1", "Zoë ❤", 1, 0.5)));
        writer.close();
        assertThat(writer.bytesWritten()).isEqualTo(bytes.size());
    }
}
