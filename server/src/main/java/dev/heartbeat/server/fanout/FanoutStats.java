package dev.heartbeat.server.fanout;

/** What the fan-out counts; the server binds it to its metrics. */
public interface FanoutStats {
    FanoutStats NONE = new FanoutStats() {};

    default void frameSent(int events) {}

    /** Pulses a connection that fell behind went without. */
    default void pulsesDropped(int count) {}

    /** A space's window was handed to its viewers' sockets this long after its first event was accepted. */
    default void windowWritten(long delayNanos) {}
}
