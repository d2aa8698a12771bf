package dev.heartbeat.server.fanout;

import java.nio.ByteBuffer;

/**
 * Where an {@link Outbox} writes: one WebSocket connection. {@link #send} is asynchronous and the
 * outbox never calls it again before the previous send completed. {@link #close} must not call
 * back into the caller's thread: it is invoked while the outbox (and perhaps its space) holds a lock.
 */
public interface FrameSink {
    /** Writes one text frame of UTF-8 bytes that nobody changes while it is written. */
    void send(ByteBuffer utf8, SendCallback callback);

    void close(int code, String reason);

    interface SendCallback {
        void sent();

        void failed(Throwable cause);
    }
}
