package dev.heartbeat.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The first frame on every connection. */
public record Welcome(
        @JsonProperty(required = true) int protocol,
        String space,
        Member you,
        String resume,
        MemberStatus status,
        @JsonProperty(required = true) int position,
        @JsonProperty(required = true) int capacity,
        List<Member> members,
        @JsonProperty(required = true) int waiting,
        @JsonProperty(required = true) long serverTime,
        Limits limits) implements ServerMessage {

    public static final int PROTOCOL_VERSION = 1;

    public Welcome {
        Checks.notNull("space", space);
        Checks.notNull("you", you);
        Checks.notNull("resume", resume);
        Checks.notNull("status", status);
        Checks.range("position", position, 0, Integer.MAX_VALUE);
        Checks.range("capacity", capacity, 1, Integer.MAX_VALUE);
        Checks.notNull("members", members);
        Checks.range("waiting", waiting, 0, Integer.MAX_VALUE);
        Checks.notNull("limits", limits);
        members = List.copyOf(members);
    }
}
