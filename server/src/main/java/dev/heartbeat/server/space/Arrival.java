package dev.heartbeat.server.space;

import dev.heartbeat.protocol.message.Welcome;

/** What happened when a connection asked to enter a space. */
public sealed interface Arrival {
    /**
     * In the space, active or waiting. The caller sends {@code welcome} with
     * {@link dev.heartbeat.server.fanout.Outbox#sendFirst}, outside the space's lock; whatever the
     * space says meanwhile waits behind it.
     */
    record Entered(Space space, Viewer viewer, Welcome welcome) implements Arrival {}

    /** The space and its queue are full. */
    record Full() implements Arrival {}

    /** The server holds as many spaces as it may; this one would be new. */
    record TooManySpaces() implements Arrival {}

    /** The shared store of a cluster cannot be reached: try again later. */
    record Unavailable() implements Arrival {}
}
