package dev.heartbeat.server.fanout;

/** What the fan-out counts; the server binds it to its metrics. */
public interface FanoutStats {
    FanoutStats NONE = new FanoutStats() {};

    default void frameSent(int events) {}

    default void pulseDropped() {}
}
