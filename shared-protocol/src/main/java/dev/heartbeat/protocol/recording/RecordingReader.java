package dev.heartbeat.protocol.recording;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heartbeat.protocol.codec.ProtocolCodec;
import dev.heartbeat.protocol.message.Batch;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.ServerEvent;
import dev.heartbeat.protocol.message.ServerMessage;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a recording line by line. The header is read and checked when the reader opens; a bad
 * header is a {@link RecordingFormatException} that says what is wrong. After it the reader is
 * forgiving, as the contract asks: unknown event types are skipped, and so is a damaged line;
 * a last line cut short (a server that crashed mid-write) or a cut gzip stream ends the
 * recording where the complete lines end. gzip is recognised by its magic bytes, whatever the
 * file is called.
 */
public final class RecordingReader implements Closeable {
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private final String source;
    private final Lines lines;
    private final ObjectMapper mapper = ProtocolCodec.newMapper();
    private final RecordingHeader header;
    private final boolean gzip;
    private final ArrayDeque<RecordingEntry> pending = new ArrayDeque<>();
    private CutTolerantStream gzipBody;
    private int unknownSkipped;
    private int damagedSkipped;
    private boolean truncated;

    /** Opens {@code file} and reads its header. */
    public static RecordingReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            return new RecordingReader(in, file.getFileName().toString());
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Reads the header from {@code in}, plain or gzip; the reader owns the stream from now on.
     *
     * @param source a name for the stream (the file name) that error messages start with
     */
    public RecordingReader(InputStream in, String source) throws IOException {
        this.source = source;
        BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024);
        this.gzip = startsWithGzipMagic(buffered);
        InputStream body;
        if (gzip) {
            try {
                gzipBody = new CutTolerantStream(new GZIPInputStream(buffered, 64 * 1024));
                body = gzipBody;
            } catch (ZipException | EOFException e) {
                throw new RecordingFormatException(source + ": starts like gzip but is not a readable gzip file (" + e.getMessage() + ")", e);
            }
        } else {
            body = buffered;
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        this.lines = new Lines(new InputStreamReader(body, utf8));
        this.header = readHeader();
    }

    public RecordingHeader header() {
        return header;
    }

    /** Whether the bytes were gzip. */
    public boolean gzip() {
        return gzip;
    }

    /** The next line as an entry, or {@code null} at the end of the recording. */
    public RecordingEntry next() throws IOException {
        while (pending.isEmpty()) {
            String line = lines.next();
            if (line == null) {
                truncated |= gzipBody != null && gzipBody.cut;
                return null;
            }
            if (line.isBlank()) continue;
            if (!parse(line)) {
                // A last line without its newline that does not parse: the writer stopped mid-line.
                if (lines.terminated()) damagedSkipped++;
                else truncated = true;
            }
        }
        return pending.poll();
    }

    /** Every remaining entry, in file order. */
    public List<RecordingEntry> readAll() throws IOException {
        List<RecordingEntry> entries = new ArrayList<>();
        for (RecordingEntry entry = next(); entry != null; entry = next()) entries.add(entry);
        return entries;
    }

    /** Lines skipped because their event type is unknown to this reader. */
    public int unknownSkipped() {
        return unknownSkipped;
    }

    /** Complete lines skipped because they could not be read (not JSON, no {@code t}, bad fields). */
    public int damagedSkipped() {
        return damagedSkipped;
    }

    /** Whether the recording ended mid-line or mid-gzip-stream; complete lines before it were read. */
    public boolean truncated() {
        return truncated;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }

    private RecordingHeader readHeader() throws IOException {
        String first;
        try {
            first = lines.next();
        } catch (ZipException e) {
            throw new RecordingFormatException(source + ": not a readable gzip file (" + e.getMessage() + ")", e);
        }
        if (first == null) {
            throw new RecordingFormatException(source + ": empty file; a Heartbeat recording starts with a header line");
        }
        if (first.isBlank()) {
            throw new RecordingFormatException(source + ": not a Heartbeat recording: line 1 is empty, expected the header");
        }
        JsonNode node;
        try {
            node = mapper.readTree(first);
        } catch (JacksonException e) {
            throw new RecordingFormatException(source + ": not a Heartbeat recording: line 1 is not a JSON header", e);
        }
        return RecordingHeader.fromJson(node, source);
    }

    /** Queues the entries of one line (none for an unknown type); false when the line is damaged. */
    private boolean parse(String line) {
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (JacksonException | RuntimeException e) {
            return false;
        }
        if (node == null || !node.isObject()) return false;
        ObjectNode object = (ObjectNode) node;
        JsonNode t = object.remove("t");
        JsonNode type = object.get("type");
        if (t == null || !t.isIntegralNumber() || !t.canConvertToLong() || t.asLong() < 0 || type == null || !type.isTextual()) {
            return false;
        }
        long time = t.asLong();
        try {
            if (Snapshot.TYPE.equals(type.asText())) {
                pending.add(snapshot(time, object));
                return true;
            }
            ServerMessage message = mapper.treeToValue(object, ServerMessage.class);
            if (message == null) {
                unknownSkipped++;
            } else if (message instanceof ServerEvent event) {
                pending.add(new TimedEvent(time, event));
            } else if (message instanceof Batch batch) {
                // Not written by Heartbeat, but a batch is by contract the same as its events one by one.
                batch.events().forEach(event -> pending.add(new TimedEvent(time, event)));
            } else {
                unknownSkipped++; // a welcome belongs to one viewer, not to the space's history
            }
            return true;
        } catch (JacksonException | RuntimeException e) {
            return false;
        }
    }

    private Snapshot snapshot(long t, ObjectNode node) throws JacksonException {
        JsonNode members = node.get("members");
        JsonNode waiting = node.get("waiting");
        if (members == null || !members.isArray() || waiting == null || !waiting.canConvertToInt() || !waiting.isIntegralNumber()) {
            throw new IllegalArgumentException("snapshot needs members and waiting");
        }
        List<Member> list = new ArrayList<>(members.size());
        for (JsonNode member : members) list.add(mapper.treeToValue(member, Member.class));
        return new Snapshot(t, list, waiting.asInt());
    }

    private static boolean startsWithGzipMagic(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == GZIP_MAGIC_1 && second == GZIP_MAGIC_2;
    }

    /** A gzip stream that was cut off (crash before the trailer) ends where its data ends. */
    private static final class CutTolerantStream extends FilterInputStream {
        private boolean cut;

        CutTolerantStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (cut) return -1;
            try {
                return super.read(buffer, offset, length);
            } catch (EOFException | ZipException e) {
                cut = true;
                return -1;
            }
        }

        @Override
        public int available() throws IOException {
            return cut ? 0 : super.available();
        }
    }

    /** Splits text into lines and remembers whether the last one ended with a newline. */
    private static final class Lines implements Closeable {
        private final Reader reader;
        private final char[] buffer = new char[64 * 1024];
        private final StringBuilder partial = new StringBuilder(256);
        private int position;
        private int limit;
        private boolean terminated = true;
        private boolean end;

        Lines(Reader reader) {
            this.reader = reader;
        }

        String next() throws IOException {
            partial.setLength(0);
            while (true) {
                if (position >= limit) {
                    if (end) return null;
                    limit = reader.read(buffer, 0, buffer.length);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        end = true;
                        if (partial.length() == 0) return null;
                        terminated = false;
                        return partial.toString();
                    }
                }
                int start = position;
                while (position < limit && buffer[position] != '\n') position++;
                if (position < limit) {
                    int stop = position > start && buffer[position - 1] == '\r' ? position - 1 : position;
                    position++;
                    terminated = true;
                    if (partial.length() == 0) return new String(buffer, start, stop - start);
                    partial.append(buffer, start, position - 1 - start);
                    if (partial.length() > 0 && partial.charAt(partial.length() - 1) == '\r') partial.setLength(partial.length() - 1);
                    return partial.toString();
                }
                partial.append(buffer, start, position - start);
            }
        }

        /** Whether the line {@link #next()} returned last ended with a newline. */
        boolean terminated() {
            return terminated;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
