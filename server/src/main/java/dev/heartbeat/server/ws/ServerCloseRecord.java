package dev.heartbeat.server.ws;

/** Remembers that the server, not the viewer, began closing a connection, and with which code. */
final class ServerCloseRecord {
    private volatile int code;

    void closing(int closeCode) {
        if (code == 0) code = closeCode;
    }

    /** 0 when the server did not close this connection. */
    int code() {
        return code;
    }
}
