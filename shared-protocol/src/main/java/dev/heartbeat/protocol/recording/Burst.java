package dev.heartbeat.protocol.recording;

/** A stretch where pulses came much faster than usual: from the first to the last pulse in it. */
public record Burst(long start, long end, int pulses) {}
