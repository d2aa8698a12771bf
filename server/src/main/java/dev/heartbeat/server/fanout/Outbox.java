package dev.heartbeat.server.fanout;

import dev.heartbeat.protocol.codec.ProtocolCodec;
import dev.heartbeat.protocol.message.CloseCode;
import dev.heartbeat.protocol.message.ServerEvent;
import dev.heartbeat.protocol.message.StatusChange;
import dev.heartbeat.protocol.message.WaitingCount;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One connection's outbound queue and its single writer. Events arrive already encoded (each
 * event is serialized once for all its receivers); the {@link FlushClock} sends everything pending
 * as one frame, at most once per batching window, never while a previous send is in flight, and
 * never on the caller's thread, so a space never waits on a socket.
 *
 * <p>Back-pressure: past {@code limit} queued events, pulses are dropped for this connection
 * only; a connection that keeps dropping for {@code slowGraceMs}, or whose queue of events that
 * must not be dropped overflows, is closed with 1013. A queue length or queue position still
 * waiting to be sent is replaced by a newer one rather than queued twice.
 */
public final class Outbox {
    /** Events per frame: keeps a frame of a backlog well below what a browser handles easily. */
    static final int MAX_EVENTS_PER_FRAME = 256;

    private final FrameSink sink;
    private final FlushClock clock;
    private final FanoutStats stats;
    private final int limit;
    private final long slowGraceMs;

    /** Kinds of value of which only the newest matters: a newer one replaces one still pending. */
    public enum Latest { WAITING, STATUS }

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    /** The pending value of each {@link Latest} kind, by ordinal (an array, not a map: one per connection). */
    private final Pending[] latest = new Pending[Latest.values().length];
    private boolean inFlight;
    private boolean scheduled;
    private boolean closed;
    private long droppingSinceMs = -1;
    private int closeAfterFlushCode;
    private String closeAfterFlushReason;

    private static final class Pending {
        String encoded;
        final boolean droppable;
        /** Non-null for a value a newer one replaces. */
        final Latest kind;
        /** The welcome: a frame of its own. */
        final boolean alone;

        Pending(String encoded, boolean droppable, Latest kind, boolean alone) {
            this.encoded = encoded;
            this.droppable = droppable;
            this.kind = kind;
            this.alone = alone;
        }
    }

    public Outbox(FrameSink sink, FlushClock clock, FanoutStats stats, int limit, long slowGraceMs) {
        this.sink = sink;
        this.clock = clock;
        this.stats = stats;
        this.limit = limit;
        this.slowGraceMs = slowGraceMs;
    }

    /** Queues the welcome as the connection's first frame, alone, to go out at once. */
    public synchronized void sendFirst(String welcome) {
        if (closed) return;
        if (inFlight || !pending.isEmpty()) throw new IllegalStateException("the welcome must be the first frame");
        pending.add(new Pending(welcome, false, null, true));
        scheduled = true;
        clock.scheduleNow(this);
    }

    /** Queues one encoded event, deciding from the event how it may be dropped or replaced. */
    public void offer(ServerEvent event, String encoded) {
        if (event instanceof WaitingCount) {
            offerLatest(Latest.WAITING, encoded);
        } else if (event instanceof StatusChange) {
            offerLatest(Latest.STATUS, encoded);
        } else {
            offer(encoded, event.droppable());
        }
    }

    /** Queues one encoded event; pulses are {@code droppable}. */
    public synchronized void offer(String encoded, boolean droppable) {
        if (closed || closeAfterFlushReason != null) return;
        if (pending.size() >= limit) {
            if (droppable) {
                dropPulse();
            } else if (pending.size() >= 2 * limit) {
                closeNow(CloseCode.TRY_AGAIN_LATER.code(), "outbound queue overflowed");
            }
            if (droppable || closed) return;
        } else if (pending.size() < limit / 2) {
            droppingSinceMs = -1;
        }
        pending.add(new Pending(encoded, droppable, null, false));
        scheduleFlush();
    }

    /** Queues a value of which only the newest matters; one still pending is replaced in place. */
    public synchronized void offerLatest(Latest kind, String encoded) {
        if (closed || closeAfterFlushReason != null) return;
        Pending waiting = latest[kind.ordinal()];
        if (waiting != null) {
            waiting.encoded = encoded;
            return;
        }
        Pending value = new Pending(encoded, false, kind, false);
        latest[kind.ordinal()] = value;
        pending.add(value);
        scheduleFlush();
    }

    /** Sends what is pending as one frame unless a send is already in flight. The clock calls it; benchmarks may too. */
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
            if (pending.peek().alone) {
                frame = take().encoded;
                events = 1;
            } else {
                List<String> batch = new ArrayList<>(Math.min(pending.size(), MAX_EVENTS_PER_FRAME));
                while (!pending.isEmpty() && !pending.peek().alone && batch.size() < MAX_EVENTS_PER_FRAME) {
                    batch.add(take().encoded);
                }
                frame = ProtocolCodec.batchFrame(batch);
                events = batch.size();
            }
            inFlight = true;
        }
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
    public synchronized void closeAfterFlush(int code, String reason) {
        if (closed) return;
        closeAfterFlushCode = code;
        closeAfterFlushReason = reason;
        if (!inFlight) {
            scheduled = true;
            clock.scheduleNow(this);
        }
    }

    /** Closes at once; pending events are discarded. */
    public synchronized void close(int code, String reason) {
        if (closed) return;
        closeNow(code, reason);
    }

    /** The connection is gone: stop queueing without closing it again. */
    public synchronized void detach() {
        closed = true;
        pending.clear();
        Arrays.fill(latest, null);
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    public synchronized int pendingCount() {
        return pending.size();
    }

    synchronized void fail(Throwable cause) {
        inFlight = false;
        if (closed) return;
        closeNow(CloseCode.SERVER_ERROR.code(), "send failed");
    }

    private synchronized void onSent() {
        inFlight = false;
        if (closed) return;
        if (closeAfterFlushReason != null) {
            // Shutting down: no more windows, drain at once.
            scheduled = true;
            clock.scheduleNow(this);
        } else if (!pending.isEmpty() && !scheduled) {
            // The next frame waits for the next window, so a busy connection gets one frame per window.
            scheduled = true;
            clock.schedule(this);
        }
    }

    private Pending take() {
        Pending next = pending.poll();
        if (next.kind != null) latest[next.kind.ordinal()] = null;
        return next;
    }

    private void scheduleFlush() {
        if (inFlight || scheduled) return;
        scheduled = true;
        clock.schedule(this);
    }

    private void dropPulse() {
        stats.pulseDropped();
        long now = System.currentTimeMillis();
        if (droppingSinceMs < 0) {
            droppingSinceMs = now;
        } else if (now - droppingSinceMs > slowGraceMs) {
            closeNow(CloseCode.TRY_AGAIN_LATER.code(), "too slow to keep up with the space");
        }
    }

    /** Called with the lock held; the sink's close is asynchronous, so no callback runs under it. */
    private void closeNow(int code, String reason) {
        closed = true;
        pending.clear();
        Arrays.fill(latest, null);
        sink.close(code, reason);
    }
}
