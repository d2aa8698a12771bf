package dev.heartbeat.server.warmup;

import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;

/** One viewer of the warm-up: reads everything it is sent, and pulses once it has a line. */
final class WarmUpViewer implements FrameHandler {
    private static final String PULSE = "{\"type\":\"pulse\"}";
    private static final String ACTIVE = "\"status\":\"active\"";

    final long openedNanos = System.nanoTime();
    private volatile CoreSession session;
    private volatile boolean active;
    private volatile boolean closed;

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        session = coreSession;
        callback.succeeded();
        coreSession.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        // The welcome says whether this viewer has a line; a later status says when it got one.
        if (frame.getOpCode() == OpCode.TEXT && !active && frame.getPayloadAsUTF8().contains(ACTIVE)) active = true;
        callback.succeeded();
        session.demand();
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        closed = true;
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
        closed = true;
        callback.succeeded();
    }

    boolean open() {
        return session != null && !closed;
    }

    /**
     * Active viewers pulse, half of the time with a strength as the contract allows; a waiting one
     * pressing Space as well is refused, as it would be for a person.
     */
    void pulse(boolean evenIfWaiting) {
        if (!open() || !(active || evenIfWaiting)) return;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        send(random.nextBoolean() ? PULSE : "{\"type\":\"pulse\",\"strength\":" + (random.nextInt(1000) + 1) / 1000.0 + "}");
    }

    void ping(long t) {
        if (open()) send("{\"type\":\"ping\",\"t\":" + t + "}");
    }

    void close() {
        CoreSession current = session;
        if (current != null && !closed) current.close(CloseStatus.NORMAL, "warm-up over", Callback.NOOP);
    }

    /** Gone without a close handshake, as a closed laptop lid: the server holds the line for the grace period. */
    void abort() {
        CoreSession current = session;
        if (current != null && !closed) current.abort();
    }

    private void send(String text) {
        session.sendFrame(new Frame(OpCode.TEXT).setPayload(text), Callback.NOOP, false);
    }
}
