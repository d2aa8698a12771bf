package dev.heartbeat.protocol.recording;

import dev.heartbeat.protocol.message.Member;
import java.util.List;

/**
 * {@code {"t":…,"type":"snapshot","members":[…],"waiting":n}}: the active members and the queue
 * length at {@code t}, so a player can start here instead of at the beginning.
 */
public record Snapshot(long t, List<Member> members, int waiting) implements RecordingEntry {
    public static final String TYPE = "snapshot";

    public Snapshot {
        members = List.copyOf(members);
        if (waiting < 0) throw new IllegalArgumentException("waiting must not be negative, was " + waiting);
    }
}
