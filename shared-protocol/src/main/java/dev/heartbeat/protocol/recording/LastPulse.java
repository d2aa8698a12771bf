package dev.heartbeat.protocol.recording;

/** A member's most recent pulse: when ({@code t}, ms since the recording started) and how strong. */
public record LastPulse(long t, double strength) {}
