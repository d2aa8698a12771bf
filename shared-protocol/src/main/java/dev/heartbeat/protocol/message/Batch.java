package dev.heartbeat.protocol.message;

import java.util.List;
import java.util.Objects;

/** Several events in one frame; readers treat them exactly as if sent one by one. */
public record Batch(List<ServerEvent> events) implements ServerMessage {
    public Batch {
        Checks.notNull("events", events);
        // Unknown event types decode to null and are skipped, as the contract asks of readers.
        events = events.stream().filter(Objects::nonNull).toList();
    }
}
