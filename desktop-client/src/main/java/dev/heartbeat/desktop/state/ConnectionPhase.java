package dev.heartbeat.desktop.state;

/** Where the viewer stands with its source of events: a live space or a recording. */
public enum ConnectionPhase {
    /** Nothing opened yet (the connect dialog is showing). */
    IDLE,
    /** Opening a socket; no welcome yet. */
    CONNECTING,
    /** Welcomed by the server; events flow. */
    ONLINE,
    /** The socket closed and another attempt is scheduled. */
    RECONNECTING,
    /** The socket closed for good; {@link ViewerState#closeReason()} says why. */
    DISCONNECTED,
    /** Playing a recording instead of a live space. */
    REPLAY
}
