package dev.heartbeat.server.space;

import dev.heartbeat.protocol.message.Member;
import java.util.List;

/** A consistent picture of one space for the HTTP API and metrics. */
public record SpaceSummary(String space, int capacity, List<Member> members, int waiting) {
    public int active() {
        return members.size();
    }
}
