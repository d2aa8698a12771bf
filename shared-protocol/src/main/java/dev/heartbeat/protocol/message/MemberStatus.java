package dev.heartbeat.protocol.message;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a viewer has a line ({@code active}) or waits in the queue ({@code waiting}). */
public enum MemberStatus {
    ACTIVE("active"),
    WAITING("waiting");

    private final String wire;

    MemberStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
