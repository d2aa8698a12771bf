package dev.heartbeat.server.record;

import dev.heartbeat.protocol.recording.RecordingEntry;
import dev.heartbeat.protocol.recording.RecordingReader;
import dev.heartbeat.protocol.recording.Timeline;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recordings being written, in memory, read on from where they were last read: rewinding a live
 * space asks for its overview and parts every few seconds, and reading an hour of a busy space again
 * each time would take seconds. Only complete lines are read (the writer may be mid-line); the
 * timeline is built again at most four times a second (the recorder flushes once a second). Plain files only:
 * a gzip stream cannot be read on from the middle.
 */
final class GrowingRecordings {
    /** How stale a timeline may be: a quarter of the recorder's one-second flush. */
    private static final long FRESH_NANOS = 250_000_000L;

    private static final class Growing {
        byte[] headerLine;
        final List<RecordingEntry> entries = new ArrayList<>();
        long offset;
        long readAt;
        Timeline timeline;
    }

    private final Map<Path, Growing> files = new HashMap<>();

    /** The recording in {@code file} as far as it is written now. */
    synchronized Timeline timeline(Path file) throws IOException {
        Growing known = files.computeIfAbsent(file, f -> new Growing());
        long size = Files.size(file);
        if (known.timeline != null && (size == known.offset || System.nanoTime() - known.readAt < FRESH_NANOS)) {
            return known.timeline;
        }
        byte[] fresh = readFrom(file, known.offset, size);
        int complete = lastNewline(fresh) + 1;
        if (known.headerLine == null) {
            int headerEnd = indexOf(fresh, (byte) '\n');
            // Not even a header yet: what the reader says of an empty file is the answer.
            if (headerEnd < 0) return Timeline.read(new ByteArrayInputStream(fresh), file.getFileName().toString());
            known.headerLine = Arrays.copyOf(fresh, headerEnd + 1);
        }
        InputStream lines = known.offset == 0
                ? new ByteArrayInputStream(fresh, 0, complete)
                : new SequenceInputStream(new ByteArrayInputStream(known.headerLine), new ByteArrayInputStream(fresh, 0, complete));
        try (RecordingReader reader = new RecordingReader(lines, file.getFileName().toString())) {
            known.entries.addAll(reader.readAll());
            known.timeline = Timeline.of(reader.header(), known.entries);
        }
        known.offset += complete;
        known.readAt = System.nanoTime();
        return known.timeline;
    }

    /** A recording no longer written: its file is read whole from now on. */
    synchronized void forget(Path file) {
        files.remove(file);
    }

    /** Lets go of the recordings that are no longer written. */
    synchronized void keepOnly(java.util.function.Predicate<Path> writing) {
        files.keySet().removeIf(writing.negate());
    }

    private static byte[] readFrom(Path file, long offset, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.position(offset);
            return Channels.newInputStream(channel).readNBytes((int) Math.min(Integer.MAX_VALUE - 8, size - offset));
        }
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) if (bytes[i] == '\n') return i;
        return -1;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) if (bytes[i] == b) return i;
        return -1;
    }
}
