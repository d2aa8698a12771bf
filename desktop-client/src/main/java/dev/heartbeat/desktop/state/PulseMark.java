package dev.heartbeat.desktop.state;

/** A member's latest pulse: only the latest one shapes the line (waveform.md). */
public record PulseMark(long at, double strength) {
    /** Milliseconds from the pulse to {@code serverTime}; the waveform fades it out after 4 s. */
    public double msSince(long serverTime) {
        return serverTime - at;
    }
}
