package dev.heartbeat.server.ws;

import dev.heartbeat.server.fanout.Outbox;
import dev.heartbeat.server.space.Space;
import dev.heartbeat.server.space.Viewer;

/** One open WebSocket: its outbox, inbound budget, and where it stands once it entered a space. */
final class Connection {
    final Outbox outbox;
    final JettySessionSink sink;
    final InboundLimiter limiter;
    final ServerCloseRecord closeRecord;
    volatile Space space;
    volatile Viewer viewer;
    /** The transport failed or went silent, as opposed to the viewer closing it. */
    volatile boolean lost;
    /** When the client last sent anything at all, pongs included. */
    volatile long lastInboundNanos = System.nanoTime();
    /** When the server last pinged it; only the sweep reads and writes this. */
    long lastPingNanos = System.nanoTime();

    Connection(JettySessionSink sink, Outbox outbox, InboundLimiter limiter, ServerCloseRecord closeRecord) {
        this.sink = sink;
        this.outbox = outbox;
        this.limiter = limiter;
        this.closeRecord = closeRecord;
    }

    void entered(Space enteredSpace, Viewer enteredAs) {
        this.space = enteredSpace;
        this.viewer = enteredAs;
    }
}
