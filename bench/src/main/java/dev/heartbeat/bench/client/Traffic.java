package dev.heartbeat.bench.client;

import dev.heartbeat.protocol.message.Welcome;

/**
 * What a run hears from its connections. Calls for one connection never overlap (Jetty delivers
 * one frame at a time per session); calls for different connections do.
 */
public interface Traffic {
    Traffic NONE = new Traffic() {};

    default void welcomed(ProbeConnection connection, Welcome welcome) {}

    /** A pulse, with {@link System#nanoTime()} of the frame's arrival. */
    default void pulse(ProbeConnection connection, String id, double strength, long at, long receivedNanos) {}

    default void error(ProbeConnection connection, String code) {}

    default void other(ProbeConnection connection, String type) {}

    /** The connection ended after it was open: {@code code} as Jetty reports it (1006 when lost). */
    default void closed(ProbeConnection connection, int code, String reason) {}

    /** The connection never opened: refused, timed out, or the upgrade was answered with an error. */
    default void failed(ProbeConnection connection, Throwable cause) {}
}
