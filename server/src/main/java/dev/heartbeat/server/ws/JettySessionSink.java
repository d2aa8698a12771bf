package dev.heartbeat.server.ws;

import dev.heartbeat.server.fanout.FrameSink;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** A Jetty WebSocket session as an outbox's sink: asynchronous sends, closes off the caller's thread. */
final class JettySessionSink implements FrameSink {
    private static final Executor CLOSER = ForkJoinPool.commonPool();

    private final Session session;
    private final ServerCloseRecord closeRecord;

    JettySessionSink(Session session, ServerCloseRecord closeRecord) {
        this.session = session;
        this.closeRecord = closeRecord;
    }

    @Override
    public void sendText(String frame, SendCallback callback) {
        session.sendText(frame, Callback.from(callback::sent, callback::failed));
    }

    /** A WebSocket ping frame; the client's pong (or anything else it sends) shows it is alive. */
    void ping() {
        session.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
    }

    @Override
    public void close(int code, String reason) {
        closeRecord.closing(code);
        CLOSER.execute(() -> session.close(code, reason, Callback.NOOP));
    }
}
