package dev.heartbeat.protocol.message;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Pulse my line; {@code strength} is optional and defaults to 1. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PulseRequest(Double strength) implements ClientMessage {
    public static final double DEFAULT_STRENGTH = 1.0;

    public PulseRequest {
        if (strength != null) Checks.strength(strength);
    }

    public double effectiveStrength() {
        return strength == null ? DEFAULT_STRENGTH : strength;
    }
}
