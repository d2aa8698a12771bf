package dev.heartbeat.server.fanout;

import dev.heartbeat.protocol.message.CloseCode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection's outbound queue and its single writer. Frames arrive encoded (a space's window
 * is encoded once for all its viewers); a frame is written as soon as the previous one is done, and
 * frames that piled up behind a slow write go out together, at most once per batching window.
 *
 * <p>Back-pressure: past {@code limit} queued events, new frames lose their pulses for this
 * connection only; a connection that keeps losing pulses for {@code slowGraceMs}, or whose queue
 * of events that must not be dropped overflows, is closed with 1013.
 */
public final class Outbox implements Flushable {
    /** Events per frame: keeps a frame of a backlog well below what a browser handles easily. */
    static final int MAX_EVENTS_PER_FRAME = 256;

    private final FrameSink sink;
    private final FlushClock clock;
    private final FanoutStats stats;
    private final int limit;
    private final long slowGraceMs;
    private final FrameSink.SendCallback onSend = new FrameSink.SendCallback() {
        @Override
        public void sent() {
            onSent();
        }

        @Override
        public void failed(Throwable cause) {
            fail(cause);
        }
    };

    private final ArrayDeque<Frame> pending = new ArrayDeque<>(4);
    private int pendingEvents;
    private boolean inFlight;
    private boolean scheduled;
    private boolean closed;
    private boolean awaitingWelcome;
    private long droppingSinceMs = -1;
    private int closeAfterFlushCode;
    private String closeAfterFlushReason;

    public Outbox(FrameSink sink, FlushClock clock, FanoutStats stats, int limit, long slowGraceMs) {
        this.sink = sink;
        this.clock = clock;
        this.stats = stats;
        this.limit = limit;
        this.slowGraceMs = slowGraceMs;
    }

    /** The welcome is on its way: frames offered until it comes wait behind it. */
    public synchronized void expectWelcome() {
        awaitingWelcome = true;
    }

    /** Sends the welcome as the connection's first frame, alone, on this thread; what waited goes after it. */
    public void sendFirst(Frame welcome) {
        synchronized (this) {
            if (closed) return;
            if (inFlight) throw new IllegalStateException("the welcome must be the first frame");
            awaitingWelcome = false;
            pending.addFirst(welcome);
            pendingEvents += welcome.events();
        }
        flush();
    }

    /**
     * Queues a frame and, when nothing is being written, writes it on this thread. Never call it
     * holding a space's lock.
     */
    public void offer(Frame frame) {
        synchronized (this) {
            if (closed || closeAfterFlushReason != null) return;
            if (pendingEvents >= limit && frame.droppable() > 0) {
                stats.pulsesDropped(frame.droppable());
                noteDropping();
                frame = frame.essential();
                if (closed || frame == null) return;
            } else if (pendingEvents < limit / 2) {
                droppingSinceMs = -1;
            }
            if (pendingEvents + frame.events() > 2 * limit) {
                closeNow(CloseCode.TRY_AGAIN_LATER.code(), "outbound queue overflowed");
                return;
            }
            pending.add(frame);
            pendingEvents += frame.events();
            if (inFlight || scheduled || awaitingWelcome) return;
        }
        flush();
    }

    /** Writes what is pending as one frame unless a write is already in flight. */
    @Override
    public void flush() {
        Frame frame;
        synchronized (this) {
            scheduled = false;
            if (closed || inFlight || awaitingWelcome) return;
            if (pending.isEmpty()) {
                if (closeAfterFlushReason != null) closeNow(closeAfterFlushCode, closeAfterFlushReason);
                return;
            }
            frame = pending.peek().alone() ? take() : takeBacklog();
            inFlight = true;
        }
        stats.frameSent(frame.events());
        sink.send(frame.buffer(), onSend);
    }

    /** Sends what is pending, then closes: used for graceful shutdown. */
    public synchronized void closeAfterFlush(int code, String reason) {
        if (closed) return;
        closeAfterFlushCode = code;
        closeAfterFlushReason = reason;
        if (!inFlight && !scheduled) {
            scheduled = true;
            clock.scheduleNow(this);
        }
    }

    /** Closes at once; pending frames are discarded. */
    public synchronized void close(int code, String reason) {
        if (closed) return;
        closeNow(code, reason);
    }

    /** The connection is gone: stop queueing without closing it again. */
    public synchronized void detach() {
        closed = true;
        pending.clear();
        pendingEvents = 0;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Events queued and not yet written. */
    public synchronized int pendingCount() {
        return pendingEvents;
    }

    @Override
    public void failed(RuntimeException cause) {
        fail(cause);
    }

    private synchronized void fail(Throwable cause) {
        inFlight = false;
        if (closed) return;
        closeNow(CloseCode.SERVER_ERROR.code(), "send failed");
    }

    private synchronized void onSent() {
        inFlight = false;
        if (closed || scheduled) return;
        if (closeAfterFlushReason != null) {
            // Shutting down: no more windows, drain at once.
            scheduled = true;
            clock.scheduleNow(this);
        } else if (!pending.isEmpty()) {
            // What piled up waits for the next window, so a slow connection gets one frame per window.
            scheduled = true;
            clock.schedule(this);
        }
    }

    private Frame take() {
        Frame next = pending.poll();
        pendingEvents -= next.events();
        return next;
    }

    private Frame takeBacklog() {
        List<Frame> backlog = new ArrayList<>(Math.min(pending.size(), 16));
        int events = 0;
        while (!pending.isEmpty() && !pending.peek().alone()
                && (backlog.isEmpty() || events + pending.peek().events() <= MAX_EVENTS_PER_FRAME)) {
            Frame next = take();
            backlog.add(next);
            events += next.events();
        }
        return Frame.merge(backlog);
    }

    private void noteDropping() {
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
        pendingEvents = 0;
        sink.close(code, reason);
    }
}
