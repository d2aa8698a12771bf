package dev.heartbeat.server.fanout;

import dev.heartbeat.protocol.codec.ProtocolCodec;
import dev.heartbeat.protocol.message.CloseCode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection's outbound queue and its single writer. Events arrive already encoded (each
 * event is serialized once for all its receivers); a flush sends everything pending as one frame,
 * at most once per batching window, and never while a previous send is still in flight.
 *
 * <p>Back-pressure: past {@code limit} queued events, pulses are dropped for this connection
 * only; a connection that keeps dropping for {@code slowGraceMs}, or whose queue of events that
 * must not be dropped overflows, is closed with 1013. Nothing here ever blocks the caller.
 */
public final class Outbox {
    /** Events per frame: keeps a frame of a backlog well below what a browser handles easily. */
    static final int MAX_EVENTS_PER_FRAME = 256;

    private final FrameSink sink;
    private final FlushClock clock;
    private final FanoutStats stats;
    private final int limit;
    private final long slowGraceMs;

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private boolean inFlight;
    private boolean scheduled;
    private boolean closed;
    private long droppingSinceMs = -1;
    private int closeAfterFlushCode;
    private String closeAfterFlushReason;

    private record Pending(String encoded, boolean droppable) {}

    public Outbox(FrameSink sink, FlushClock clock, FanoutStats stats, int limit, long slowGraceMs) {
        this.sink = sink;
        this.clock = clock;
        this.stats = stats;
        this.limit = limit;
        this.slowGraceMs = slowGraceMs;
    }

    /**
     * Sends the welcome as the connection's first frame, alone and at once; whatever is offered
     * afterwards queues behind it.
     */
    public void sendFirst(String welcome) {
        synchronized (this) {
            if (closed) return;
            if (inFlight || !pending.isEmpty()) throw new IllegalStateException("the welcome must be the first frame");
            inFlight = true;
        }
        send(welcome, 1);
    }

    /** Queues one encoded event; pulses are {@code droppable}. */
    public void offer(String encoded, boolean droppable) {
        boolean sendNow;
        synchronized (this) {
            if (closed || closeAfterFlushReason != null) return;
            if (pending.size() >= limit) {
                if (droppable) {
                    dropPulse();
                } else if (pending.size() >= 2 * limit) {
                    closeNow(CloseCode.SLOW_CONSUMER.code(), "outbound queue overflowed");
                }
                if (droppable || closed) return;
            } else if (pending.size() < limit / 2) {
                droppingSinceMs = -1;
            }
            pending.add(new Pending(encoded, droppable));
            sendNow = wantsFlush();
        }
        if (sendNow) flush();
    }

    /** Sends what is pending as one frame unless a send is already in flight. */
    public void flush() {
        String frame;
        int events;
        synchronized (this) {
            scheduled = false;
            if (closed || inFlight) return;
            if (pending.isEmpty()) {
                if (closeAfterFlushReason != null) closeNow(closeAfterFlushCode, closeAfterFlushReason);
                return;
            }
            List<String> batch = new ArrayList<>(Math.min(pending.size(), MAX_EVENTS_PER_FRAME));
            while (!pending.isEmpty() && batch.size() < MAX_EVENTS_PER_FRAME) {
                batch.add(pending.poll().encoded());
            }
            frame = ProtocolCodec.batchFrame(batch);
            events = batch.size();
            inFlight = true;
        }
        send(frame, events);
    }

    private void send(String frame, int events) {
        stats.frameSent(events);
        sink.sendText(frame, new FrameSink.SendCallback() {
            @Override
            public void sent() {
                onSent();
            }

            @Override
            public void failed(Throwable cause) {
                fail(cause);
            }
        });
    }

    /** Sends what is pending, then closes: used for graceful shutdown. */
    public void closeAfterFlush(int code, String reason) {
        boolean flushNow;
        synchronized (this) {
            if (closed) return;
            closeAfterFlushCode = code;
            closeAfterFlushReason = reason;
            flushNow = !inFlight;
        }
        if (flushNow) flush();
    }

    /** Closes at once; pending events are discarded. */
    public void close(int code, String reason) {
        synchronized (this) {
            if (closed) return;
            closeNow(code, reason);
        }
    }

    /** The connection is gone: stop queueing without closing it again. */
    public synchronized void detach() {
        closed = true;
        pending.clear();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    public synchronized int pendingCount() {
        return pending.size();
    }

    void fail(Throwable cause) {
        synchronized (this) {
            inFlight = false;
            if (closed) return;
            closeNow(CloseCode.SERVER_ERROR.code(), "send failed");
        }
    }

    private void onSent() {
        synchronized (this) {
            inFlight = false;
            if (closed) return;
            if (closeAfterFlushReason != null) {
                // Shutting down: no more windows, drain at once.
                if (pending.isEmpty()) {
                    closeNow(closeAfterFlushCode, closeAfterFlushReason);
                    return;
                }
            } else {
                // The next frame waits for the next window, so a busy connection gets one frame per window.
                if (!pending.isEmpty() && !scheduled) {
                    scheduled = true;
                    clock.schedule(this);
                }
                return;
            }
        }
        flush();
    }

    /** Called with the lock held; true when the caller should flush right away. */
    private boolean wantsFlush() {
        if (inFlight || scheduled) return false;
        if (clock.batchMs() == 0) return true;
        scheduled = true;
        clock.schedule(this);
        return false;
    }

    private void dropPulse() {
        stats.pulseDropped();
        long now = System.currentTimeMillis();
        if (droppingSinceMs < 0) {
            droppingSinceMs = now;
        } else if (now - droppingSinceMs > slowGraceMs) {
            closeNow(CloseCode.SLOW_CONSUMER.code(), "too slow to keep up with the space");
        }
    }

    /** Called with the lock held; the sink's close is asynchronous, so no callback runs under it. */
    private void closeNow(int code, String reason) {
        closed = true;
        pending.clear();
        sink.close(code, reason);
    }
}
