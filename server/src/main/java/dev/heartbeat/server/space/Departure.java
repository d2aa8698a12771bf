package dev.heartbeat.server.space;

/** How a connection ended, which decides what the space tells the others. */
public enum Departure {
    /** The viewer closed the connection: the line goes at once. */
    CLOSED,
    /** The connection dropped or went silent: the line is held for the resume grace period. */
    LOST,
    /** The server closed it for abuse or slowness: the line goes at once. */
    KICKED
}
