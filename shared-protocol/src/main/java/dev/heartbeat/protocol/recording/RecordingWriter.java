package dev.heartbeat.protocol.recording;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartbeat.protocol.codec.ProtocolCodec;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.ServerEvent;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a recording: the header at once, then one line per {@link #event event} or
 * {@link #snapshot snapshot}. Not thread-safe: one writer thread owns it. {@link #flush()} pushes
 * everything written so far to the file, gzip included, so a crash loses only what came after.
 */
public final class RecordingWriter implements Closeable, Flushable {
    public static final String EXTENSION = ".hbrec";
    public static final String GZIP_EXTENSION = ".hbrec.gz";

    // Small on purpose: a server keeps one writer per space, and the recorder flushes every second.
    private static final int BUFFER_BYTES = 8 * 1024;
    private static final ObjectMapper MAPPER = ProtocolCodec.newMapper();

    private final RecordingHeader header;
    private final Writer out;
    private final StringBuilder line = new StringBuilder(256);
    private long bytesWritten;
    private long lastT;
    private int lines;

    /** Creates {@code file}, which must not exist yet, and writes the header. */
    public static RecordingWriter create(Path file, RecordingHeader header, boolean gzip) throws IOException {
        OutputStream stream = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            return new RecordingWriter(stream, header, gzip);
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /** Writes the header to {@code stream}; the writer owns the stream from now on. */
    public RecordingWriter(OutputStream stream, RecordingHeader header, boolean gzip) throws IOException {
        this.header = header;
        OutputStream buffered = new BufferedOutputStream(stream, BUFFER_BYTES);
        // syncFlush: flush() then emits every byte deflated so far, so a crash keeps a readable prefix.
        OutputStream body = gzip ? new GZIPOutputStream(buffered, BUFFER_BYTES, true) : buffered;
        this.out = new OutputStreamWriter(body, StandardCharsets.UTF_8);
        writeLine(header.toJson());
    }

    public RecordingHeader header() {
        return header;
    }

    /** An event as a record; encoded with the protocol's own mapper, exactly as on the wire. */
    public void event(long t, ServerEvent event) throws IOException {
        encodedEvent(t, encode(event));
    }

    /**
     * An event already encoded for the wire (the fan-out encodes each event once); {@code t} is
     * put first. A {@code t} smaller than the last one (the clock stepped back) is written as the
     * last one, so a file's times never decrease.
     */
    public void encodedEvent(long t, String encodedJson) throws IOException {
        if (encodedJson.length() < 2 || encodedJson.charAt(0) != '{' || encodedJson.charAt(1) == '}') {
            throw new IllegalArgumentException("an event must be a non-empty JSON object: " + encodedJson);
        }
        if (encodedJson.indexOf('\n') >= 0) throw new IllegalArgumentException("an event must be one line");
        line.setLength(0);
        line.append("{\"t\":").append(nextT(t)).append(',').append(encodedJson, 1, encodedJson.length());
        writeLine(line);
    }

    /** The active members (in the order their lines appeared) and the queue length at {@code t}. */
    public void snapshot(long t, Collection<Member> members, int waiting) throws IOException {
        if (waiting < 0) throw new IllegalArgumentException("waiting must not be negative");
        line.setLength(0);
        line.append("{\"t\":").append(nextT(t)).append(",\"type\":\"").append(Snapshot.TYPE)
                .append("\",\"members\":").append(encode(members))
                .append(",\"waiting\":").append(waiting).append('}');
        writeLine(line);
    }

    public void entry(RecordingEntry entry) throws IOException {
        if (entry instanceof TimedEvent timed) {
            event(timed.t(), timed.event());
        } else if (entry instanceof Snapshot snapshot) {
            snapshot(snapshot.t(), snapshot.members(), snapshot.waiting());
        }
    }

    /** Uncompressed bytes written, header included; what size-based rotation looks at. */
    public long bytesWritten() {
        return bytesWritten;
    }

    /** The {@code t} of the last line written. */
    public long lastT() {
        return lastT;
    }

    /** Lines written after the header. */
    public int lines() {
        return lines - 1;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Flushes and closes; a gzip file gets its trailer. */
    @Override
    public void close() throws IOException {
        out.close();
    }

    private long nextT(long t) {
        if (t < 0) t = 0;
        if (t < lastT) t = lastT;
        lastT = t;
        return t;
    }

    private void writeLine(CharSequence text) throws IOException {
        out.append(text).append('\n');
        bytesWritten += utf8Length(text) + 1;
        lines++;
    }

    private String encode(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // Protocol records always serialize; reaching this is a programming error.
            throw new IllegalStateException("cannot encode " + value, e);
        }
    }

    private static long utf8Length(CharSequence text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) bytes++;
            else if (c < 0x800) bytes += 2;
            else if (Character.isHighSurrogate(c)) { bytes += 4; i++; }
            else bytes += 3;
        }
        return bytes;
    }
}
