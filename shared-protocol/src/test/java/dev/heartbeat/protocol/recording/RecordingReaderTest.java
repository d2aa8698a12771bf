package dev.heartbeat.protocol.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartbeat.protocol.message.Join;
import dev.heartbeat.protocol.message.Leave;
import dev.heartbeat.protocol.message.Pulse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordingReaderTest {
    @TempDir Path dir;

    static Path resource(String name) {
        try {
            return Path.of(RecordingReaderTest.class.getResource("/recording/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCompleteRecordingReadsEveryLine() throws IOException {
        try (RecordingReader reader = RecordingReader.open(resource("session.hbrec"))) {
            assertThat(reader.header()).isEqualTo(new RecordingHeader("lobby", ScriptedSession.START, 5));
            List<RecordingEntry> entries = reader.readAll();
            assertThat(entries).hasSize(10);
            assertThat(entries.get(1)).isInstanceOf(TimedEvent.class);
            assertThat(((TimedEvent) entries.get(2)).event()).isEqualTo(new Pulse("k3f9a2", 1, 1763750002210L));
            assertThat(reader.truncated()).isFalse();
        }
    }

    @Test
    void aLastLineCutShortIsDroppedAndEverythingBeforeItPlays() throws IOException {
        try (RecordingReader reader = RecordingReader.open(resource("truncated.hbrec"))) {
            List<RecordingEntry> entries = reader.readAll();
            assertThat(entries).hasSize(9);
            assertThat(entries.get(8)).isInstanceOf(Snapshot.class);
            assertThat(reader.truncated()).isTrue();
            assertThat(reader.damagedSkipped()).isZero();
        }
    }

    @Test
    void aGzipFileCutAnywhereKeepsItsCompleteLines() throws IOException {
        ScriptedSession session = new ScriptedSession(3, 60_000, 5, 1.0, 0.0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RecordingWriter writer = new RecordingWriter(bytes, session.header, true);
        int half = session.entries.size() / 2;
        for (RecordingEntry entry : session.entries.subList(0, half)) writer.entry(entry);
        writer.flush(); // what a crash leaves: everything up to the last flush, and no gzip trailer
        byte[] crashed = bytes.toByteArray();

        try (RecordingReader reader = new RecordingReader(new ByteArrayInputStream(crashed), "crashed.hbrec.gz")) {
            assertThat(reader.readAll()).isEqualTo(session.entries.subList(0, half));
            assertThat(reader.truncated()).isTrue();
        }
        // Cut in the middle of the deflate stream too: a prefix of whole lines comes back.
        byte[] cut = Arrays.copyOf(crashed, crashed.length * 2 / 3);
        try (RecordingReader reader = new RecordingReader(new ByteArrayInputStream(cut), "cut.hbrec.gz")) {
            List<RecordingEntry> read = reader.readAll();
            assertThat(read).isNotEmpty().isEqualTo(session.entries.subList(0, read.size()));
            assertThat(reader.truncated()).isTrue();
        }
    }

    @Test
    void unknownEventTypesAreSkippedAndUnknownFieldsIgnored() throws IOException {
        try (RecordingReader reader = RecordingReader.open(resource("unknown-events.hbrec"))) {
            List<RecordingEntry> entries = reader.readAll();
            assertThat(ScriptedSession.events(entries)).hasExactlyElementsOfTypes(Join.class, Pulse.class, Leave.class);
            assertThat(reader.unknownSkipped()).isEqualTo(2);
            assertThat(reader.damagedSkipped()).isZero();
            assertThat(reader.truncated()).isFalse();
        }
    }

    @Test
    void aDamagedLineInTheMiddleIsSkippedAndCounted() throws IOException {
        String text = header() + "\n"
                + "{\"t\":10,\"type\":\"waiting\",\"count\":1}\n"
                + "{\"t\":20,\"type\":\"pulse\",\"id\":\"a\",\"strength\":7,\"at\":1}\n" // strength out of range
                + "not json at all\n"
                + "{\"type\":\"waiting\",\"count\":2}\n" // no t
                + "\n"
                + "{\"t\":40,\"type\":\"waiting\",\"count\":3}\n";
        try (RecordingReader reader = reader(text)) {
            assertThat(reader.readAll()).extracting(RecordingEntry::t).containsExactly(10L, 40L);
            assertThat(reader.damagedSkipped()).isEqualTo(3);
            assertThat(reader.truncated()).isFalse();
        }
    }

    @Test
    void aCompleteLastLineWithoutNewlineIsRead() throws IOException {
        try (RecordingReader reader = reader(header() + "\n{\"t\":10,\"type\":\"waiting\",\"count\":1}")) {
            assertThat(reader.readAll()).hasSize(1);
            assertThat(reader.truncated()).isFalse();
        }
    }

    @Test
    void windowsLineEndingsAreRead() throws IOException {
        try (RecordingReader reader = reader(header() + "\r\n{\"t\":10,\"type\":\"waiting\",\"count\":1}\r\n")) {
            assertThat(reader.readAll()).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad-header-version.hbrec | recording format version 2 is not supported; this reader reads version 1",
        "bad-header-format.hbrec  | not a Heartbeat recording: the header's format is 'asciicast', expected 'heartbeat-recording'",
        "bad-header-missing.hbrec | not a Heartbeat recording: the header has no \"format\":\"heartbeat-recording\"",
    })
    void aBadHeaderFileIsAClearError(String file, String message) {
        assertThatThrownBy(() -> RecordingReader.open(resource(file)))
                .isInstanceOf(RecordingFormatException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "''                                                          | not a Heartbeat recording: line 1 is empty, expected the header",
        "'PK\u0003\u0004 zip bytes'                                  | not a Heartbeat recording: line 1 is not a JSON header",
        "'[1,2,3]'                                                   | line 1 must be a JSON object header",
        "'{\"format\":\"heartbeat-recording\",\"version\":\"1\",\"space\":\"lobby\",\"startedAt\":\"2026-11-21T20:00:00Z\",\"capacity\":5}' | \"version\" must be a whole number",
        "'{\"format\":\"heartbeat-recording\",\"version\":1,\"space\":\"Lobby!\",\"startedAt\":\"2026-11-21T20:00:00Z\",\"capacity\":5}' | \"space\" is missing or invalid",
        "'{\"format\":\"heartbeat-recording\",\"version\":1,\"space\":\"lobby\",\"startedAt\":\"yesterday\",\"capacity\":5}' | \"startedAt\" is not an ISO-8601 time: 'yesterday'",
        "'{\"format\":\"heartbeat-recording\",\"version\":1,\"space\":\"lobby\",\"capacity\":5}' | the header has no \"startedAt\" time",
        "'{\"format\":\"heartbeat-recording\",\"version\":1,\"space\":\"lobby\",\"startedAt\":\"2026-11-21T20:00:00Z\",\"capacity\":0}' | \"capacity\" must be a whole number of at least 1",
    })
    void eachHeaderProblemIsNamed(String firstLine, String message) {
        assertThatThrownBy(() -> reader(firstLine + "\n{\"t\":0,\"type\":\"waiting\",\"count\":0}\n"))
                .isInstanceOf(RecordingFormatException.class)
                .hasMessageStartingWith("test.hbrec: ")
                .hasMessageContaining(message);
    }

    @Test
    void anEmptyFileIsAClearError() {
        assertThatThrownBy(() -> reader(""))
                .isInstanceOf(RecordingFormatException.class)
                .hasMessage("test.hbrec: empty file; a Heartbeat recording starts with a header line");
    }

    @Test
    void aHeaderWithAnOffsetTimeIsRead() throws IOException {
        String line = "{\"format\":\"heartbeat-recording\",\"version\":1,\"space\":\"lobby\",\"startedAt\":\"2026-11-21T21:00:00+01:00\",\"capacity\":5}";
        try (RecordingReader reader = reader(line)) {
            assertThat(reader.header().startedAt()).isEqualTo(ScriptedSession.START);
        }
    }

    @Test
    void brokenGzipIsAClearError() throws IOException {
        byte[] notReallyGzip = {0x1f, (byte) 0x8b, 1, 2, 3, 4, 5};
        assertThatThrownBy(() -> new RecordingReader(new ByteArrayInputStream(notReallyGzip), "x.hbrec.gz"))
                .isInstanceOf(RecordingFormatException.class)
                .hasMessageStartingWith("x.hbrec.gz: ")
                .hasMessageContaining("gzip");
    }

    @Test
    void aGzipFileWithABadHeaderIsTheSameClearError() throws IOException {
        Path file = dir.resolve("other.hbrec.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("{\"format\":\"something-else\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> RecordingReader.open(file))
                .isInstanceOf(RecordingFormatException.class)
                .hasMessage("other.hbrec.gz: not a Heartbeat recording: the header's format is 'something-else', expected 'heartbeat-recording'");
    }

    private static String header() {
        return new RecordingHeader("lobby", ScriptedSession.START, 5).toJson();
    }

    private static RecordingReader reader(String text) throws IOException {
        InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        return new RecordingReader(in, "test.hbrec");
    }
}
