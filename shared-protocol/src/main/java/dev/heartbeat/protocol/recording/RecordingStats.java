package dev.heartbeat.protocol.recording;

import dev.heartbeat.protocol.message.Join;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.Pulse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * What a recording holds, for a listing: how long it runs, how many events and pulses, how many
 * different members had a line, and what the reader had to skip.
 *
 * @param duration ms from the start to the last line
 * @param events event lines read (snapshots not counted)
 * @param membersSeen distinct member ids that had a line at some point
 * @param truncated the last line or the gzip stream was cut off (a crash, or still being written)
 */
public record RecordingStats(long duration, int events, int pulses, int membersSeen,
                             int unknownSkipped, int damagedSkipped, boolean truncated) {

    /** Reads {@code file} once, start to end, keeping only the counts. */
    public static RecordingStats scan(Path file) throws IOException {
        try (RecordingReader reader = RecordingReader.open(file)) {
            return scan(reader);
        }
    }

    /** Reads the rest of {@code reader}, keeping only the counts; the caller closes it. */
    public static RecordingStats scan(RecordingReader reader) throws IOException {
        Counter counter = new Counter();
        for (RecordingEntry entry = reader.next(); entry != null; entry = reader.next()) counter.add(entry);
        return counter.finish(reader);
    }

    /** Adds entries up one at a time. */
    static final class Counter {
        private final Set<String> members = new HashSet<>();
        private long duration;
        private int events;
        private int pulses;

        void add(RecordingEntry entry) {
            duration = Math.max(duration, entry.t());
            if (entry instanceof TimedEvent timed) {
                events++;
                if (timed.event() instanceof Pulse) pulses++;
                else if (timed.event() instanceof Join join) members.add(join.member().id());
            } else if (entry instanceof Snapshot snapshot) {
                for (Member member : snapshot.members()) members.add(member.id());
            }
        }

        /** @param reader what was skipped while reading, or null for entries given in memory */
        RecordingStats finish(RecordingReader reader) {
            if (reader == null) return new RecordingStats(duration, events, pulses, members.size(), 0, 0, false);
            return new RecordingStats(duration, events, pulses, members.size(),
                    reader.unknownSkipped(), reader.damagedSkipped(), reader.truncated());
        }
    }
}
