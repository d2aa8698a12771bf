package dev.heartbeat.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Member {@code id} pulsed at server time {@code at} (ms). */
public record Pulse(String id, @JsonProperty(required = true) double strength, @JsonProperty(required = true) long at) implements ServerEvent {
    public Pulse {
        Checks.notBlank("id", id);
        Checks.strength(strength);
        Checks.range("at", at, 0, Long.MAX_VALUE);
    }

    @Override
    public boolean droppable() {
        return true;
    }
}
