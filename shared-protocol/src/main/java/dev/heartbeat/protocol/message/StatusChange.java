package dev.heartbeat.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Sent to one viewer alone when its own status or queue position changes. */
public record StatusChange(MemberStatus status, @JsonProperty(required = true) int position) implements ServerEvent {
    public StatusChange {
        Checks.notNull("status", status);
        Checks.range("position", position, 0, Integer.MAX_VALUE);
    }
}
