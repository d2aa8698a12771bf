package dev.heartbeat.server.space;

/** What happened when a connection asked to enter a space. */
public sealed interface Arrival {
    /** In the space, active or waiting; the welcome is already queued on the connection. */
    record Entered(Space space, Viewer viewer) implements Arrival {}

    /** The space and its queue are full. */
    record Full() implements Arrival {}

    /** The server holds as many spaces as it may; this one would be new. */
    record TooManySpaces() implements Arrival {}

    /** The shared store of a cluster cannot be reached: try again later. */
    record Unavailable() implements Arrival {}
}
