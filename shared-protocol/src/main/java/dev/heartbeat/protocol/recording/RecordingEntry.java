package dev.heartbeat.protocol.recording;

/** One line after the header: an event as on the wire, or a snapshot; {@code t} is ms since the start. */
public sealed interface RecordingEntry permits TimedEvent, Snapshot {
    long t();
}
