package dev.heartbeat.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The server's limits, announced in the welcome so that clients can respect them. */
public record Limits(@JsonProperty(required = true) int batchMs,
        @JsonProperty(required = true) int pulsesPerSecond,
        @JsonProperty(required = true) int maxMessageBytes) {
    public Limits {
        Checks.range("batchMs", batchMs, 0, 10_000);
        Checks.range("pulsesPerSecond", pulsesPerSecond, 1, 10_000);
        Checks.range("maxMessageBytes", maxMessageBytes, 64, 1 << 20);
    }
}
