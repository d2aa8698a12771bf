package dev.heartbeat.protocol.message;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why the server refused a client's last message. */
public enum ErrorCode {
    BAD_MESSAGE("bad-message"),
    NOT_ACTIVE("not-active"),
    RATE_LIMITED("rate-limited"),
    TOO_BIG("too-big");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
