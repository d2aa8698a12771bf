package dev.heartbeat.protocol.message;

/** An event after the welcome: sent alone or inside a {@link Batch}. */
public sealed interface ServerEvent extends ServerMessage
        permits Join, Leave, Pulse, Rename, StatusChange, WaitingCount, Announce, Pong, ErrorEvent {

    /** Events a slow consumer may lose; every other event is always delivered. */
    default boolean droppable() {
        return false;
    }
}
