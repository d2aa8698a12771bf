package dev.heartbeat.server.record;

import dev.heartbeat.protocol.message.Join;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.protocol.message.ServerEvent;
import dev.heartbeat.protocol.recording.RecordingHeader;
import dev.heartbeat.protocol.recording.RecordingWriter;
import dev.heartbeat.protocol.recording.SpaceState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The writer thread's side of one space session: the state it tracks from the events (for
 * snapshots), and the file currently written, if any. A session has several files when it
 * rotates, and none for a while after a write failed. Used by the writer thread only.
 */
final class SessionRecording {
    final RecordedSpace session;
    final SpaceState state = new SpaceState();

    private RecordingWriter writer;
    private Path file;
    private String id;
    private long fileStart;
    private long lastSnapshotT;
    private boolean dirty;
    private long failedAt = -1;
    private final Set<String> membersSeen = new HashSet<>();
    private int pulses;
    private int events;

    SessionRecording(RecordedSpace session) {
        this.session = session;
    }

    boolean writing() {
        return writer != null;
    }

    Path file() {
        return file;
    }

    String id() {
        return id;
    }

    long fileStart() {
        return fileStart;
    }

    long failedAt() {
        return failedAt;
    }

    long bytesWritten() {
        return writer == null ? 0 : writer.bytesWritten();
    }

    /** Starts a file whose {@code t = 0} is {@code start} (server ms), beginning with a snapshot. */
    void open(Path newFile, long start, boolean gzip) throws IOException {
        RecordingHeader header = new RecordingHeader(session.space, Instant.ofEpochMilli(start), session.capacity);
        writer = RecordingWriter.create(newFile, header, gzip);
        file = newFile;
        id = RecordingFolder.idOf(newFile).orElseThrow();
        fileStart = start;
        failedAt = -1;
        membersSeen.clear();
        pulses = 0;
        events = 0;
        snapshot(start);
    }

    /** Writes a snapshot first when one is due, then the event; the state follows the event either way. */
    int event(long serverTime, ServerEvent event, String encoded, long snapshotEveryMs) throws IOException {
        long t = serverTime - fileStart;
        int lines = 0;
        if (writer != null && t - lastSnapshotT >= snapshotEveryMs) {
            snapshot(serverTime);
            lines++;
        }
        state.apply(Math.max(0, t), event);
        if (writer == null) return lines;
        writer.encodedEvent(t, encoded);
        dirty = true;
        events++;
        if (event instanceof Pulse) pulses++;
        else if (event instanceof Join join) membersSeen.add(join.member().id());
        return lines + 1;
    }

    void snapshot(long serverTime) throws IOException {
        long t = serverTime - fileStart;
        writer.snapshot(t, state.members(), state.waiting());
        lastSnapshotT = writer.lastT();
        for (Member member : state.members()) membersSeen.add(member.id());
        dirty = true;
    }

    boolean snapshotDue(long serverTime, long snapshotEveryMs) {
        return writer != null && serverTime - fileStart - lastSnapshotT >= snapshotEveryMs;
    }

    void flush() throws IOException {
        if (writer != null && dirty) {
            writer.flush();
            dirty = false;
        }
    }

    /** A last snapshot at {@code serverTime}, so the recording lasts until then; then the file is closed. */
    void finish(long serverTime) throws IOException {
        if (writer == null) return;
        try {
            snapshot(serverTime);
        } finally {
            RecordingWriter closing = writer;
            writer = null;
            closing.close();
        }
    }

    /** After a failure: the file is given up (closed as far as possible) and retried later. */
    void abandon(long now) {
        RecordingWriter closing = writer;
        writer = null;
        failedAt = now;
        if (closing != null) {
            try {
                closing.close();
            } catch (IOException | RuntimeException ignored) {
                // The disk already failed us; what could be written is in the file.
            }
        }
    }

    /** A failure before any file was opened. */
    void failed(long now) {
        failedAt = now;
    }

    /**
     * Nothing happened in the current file: no pulse and at most one member. Such a file is not
     * kept, so that a flood of empty spaces cannot push real sessions out of the retention.
     */
    boolean isEmptySession() {
        return pulses == 0 && membersSeen.size() <= 1;
    }

    RecordingInfo info(long now, long sizeOnDisk, boolean gzip) {
        long duration = Math.max(writer == null ? 0 : writer.lastT(), now - fileStart);
        return new RecordingInfo(id, session.space, Instant.ofEpochMilli(fileStart), duration, sizeOnDisk,
                membersSeen.size(), pulses, events, gzip, true, false);
    }
}
