package dev.heartbeat.protocol.recording;

import dev.heartbeat.protocol.message.Member;
import java.util.List;
import java.util.Map;

/**
 * What a viewer of the space would have seen at {@code t}: the active members in the order their
 * lines appeared, the queue length, and each active member's last pulse (absent if none yet).
 */
public record TimelineState(long t, List<Member> members, int waiting, Map<String, LastPulse> lastPulse) {
    public TimelineState {
        members = List.copyOf(members);
        lastPulse = Map.copyOf(lastPulse);
    }

    public static TimelineState empty() {
        return new TimelineState(0, List.of(), 0, Map.of());
    }
}
