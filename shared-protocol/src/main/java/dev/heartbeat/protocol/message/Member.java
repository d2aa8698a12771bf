package dev.heartbeat.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One active line in a space. {@code hue} and {@code phase} are fixed so every viewer draws it alike. */
public record Member(String id, String name, @JsonProperty(required = true) int hue, @JsonProperty(required = true) double phase) {
    public Member {
        Checks.notBlank("id", id);
        Checks.notNull("name", name);
        Checks.range("hue", hue, 0, 359);
        Checks.range("phase", phase, 0.0, 1.0);
    }

    public Member withName(String newName) {
        return new Member(id, newName, hue, phase);
    }
}
