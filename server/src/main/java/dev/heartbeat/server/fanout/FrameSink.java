package dev.heartbeat.server.fanout;

/**
 * Where an {@link Outbox} writes: one WebSocket connection. {@link #sendText} is asynchronous and
 * the outbox never calls it again before the previous send completed. {@link #close} must not call
 * back into the caller's thread: it is invoked while the outbox (and perhaps its space) holds a lock.
 */
public interface FrameSink {
    void sendText(String frame, SendCallback callback);

    void close(int code, String reason);

    interface SendCallback {
        void sent();

        void failed(Throwable cause);
    }
}
