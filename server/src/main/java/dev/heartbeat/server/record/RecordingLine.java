package dev.heartbeat.server.record;

import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.ServerEvent;
import java.util.List;

/** What the observer side hands to the writer thread, in the order the space accepted it. */
sealed interface RecordingLine {
    RecordedSpace session();

    record Open(RecordedSpace session) implements RecordingLine {}

    /** @param encoded the event exactly as sent on the wire */
    record Event(RecordedSpace session, long serverTime, ServerEvent event, String encoded) implements RecordingLine {}

    /** Members and queue as they are now, after lines were lost: written as a snapshot. */
    record Resync(RecordedSpace session, long serverTime, List<Member> members, int waiting) implements RecordingLine {}

    record Close(RecordedSpace session, long serverTime) implements RecordingLine {}
}
