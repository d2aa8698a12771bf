package dev.heartbeat.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The queue length changed. */
public record WaitingCount(@JsonProperty(required = true) int count) implements ServerEvent {
    public WaitingCount {
        Checks.range("count", count, 0, Integer.MAX_VALUE);
    }
}
