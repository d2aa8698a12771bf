package dev.heartbeat.protocol.message;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a line disappeared. */
public enum LeaveReason {
    /** The viewer closed the connection. */
    CLOSED("closed"),
    /** The connection went silent and the resume grace period ran out. */
    TIMEOUT("timeout"),
    /** The server removed the member (abuse, slow consumer, shutdown). */
    KICKED("kicked");

    private final String wire;

    LeaveReason(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
