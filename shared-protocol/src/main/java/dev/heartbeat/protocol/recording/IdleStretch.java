package dev.heartbeat.protocol.recording;

/** A stretch with no events (snapshots aside): nothing to see between {@code start} and {@code end}. */
public record IdleStretch(long start, long end) {
    public long length() {
        return end - start;
    }
}
