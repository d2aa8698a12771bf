package dev.heartbeat.protocol.recording;

import dev.heartbeat.protocol.message.ServerEvent;
import java.util.Objects;

/** An event exactly as the space broadcast it, {@code t} ms after the recording started. */
public record TimedEvent(long t, ServerEvent event) implements RecordingEntry {
    public TimedEvent {
        Objects.requireNonNull(event, "event");
    }
}
