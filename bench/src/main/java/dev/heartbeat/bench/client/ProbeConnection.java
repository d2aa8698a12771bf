package dev.heartbeat.bench.client;

import dev.heartbeat.protocol.codec.Decoded;
import dev.heartbeat.protocol.codec.ProtocolCodec;
import dev.heartbeat.protocol.message.ServerMessage;
import dev.heartbeat.protocol.message.Welcome;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Frame;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One simulated viewer: a WebSocket session and the few fields a run needs, nothing per event.
 * The first frame must be the welcome (read with the full codec); every later frame goes through
 * the {@link FrameReader}. Kept small on purpose: a run holds tens of thousands of these.
 */
public final class ProbeConnection implements Session.Listener.AutoDemanding {
    /** Frames after the welcome are read without building message records; see {@link FrameReader}. */
    private static final FrameReader READER = new FrameReader();
    /** Per client thread: a frame's bytes when Jetty hands them over in a direct buffer. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[16 * 1024]);
    /** RFC 6455 1002: the peer broke the protocol. */
    private static final int CLOSE_PROTOCOL_ERROR = 1002;

    private final int index;
    private final Traffic traffic;
    private final Tally tally;
    private final ProtocolCodec codec;
    private final AtomicBoolean ended = new AtomicBoolean();

    private volatile Session session;
    private volatile Welcome welcome;
    private volatile long startNanos;
    private volatile int closeCode;
    private long receivingNanos;
    /** The frames so far of a fragmented text message; null otherwise. */
    private ByteArrayOutputStream fragments;

    private final FrameReader.Events events = new FrameReader.Events() {
        @Override
        public void pulse(String id, double strength, long at) {
            traffic.pulse(ProbeConnection.this, id, strength, at, receivingNanos);
        }

        @Override
        public void error(String code) {
            tally.countError(code);
            traffic.error(ProbeConnection.this, code);
        }

        @Override
        public void other(String type) {
            traffic.other(ProbeConnection.this, type);
        }
    };

    ProbeConnection(int index, Traffic traffic, Tally tally, ProtocolCodec codec) {
        this.index = index;
        this.traffic = traffic;
        this.tally = tally;
        this.codec = codec;
    }

    /** The run's number for this connection, 0-based in the order they were opened. */
    public int index() {
        return index;
    }

    /** The welcome, or null until it arrived. */
    public Welcome welcome() {
        return welcome;
    }

    public boolean isOpen() {
        Session current = session;
        return current != null && current.isOpen() && !ended.get();
    }

    /** True once the connection closed or failed to open. */
    public boolean hasEnded() {
        return ended.get();
    }

    /** The close code, or 0 while open or when it never opened. */
    public int closeCode() {
        return closeCode;
    }

    /** Sends one text frame; {@code onFailure} hears of a send that did not complete. */
    public void send(String text, Runnable onSent, java.util.function.Consumer<Throwable> onFailure) {
        Session current = session;
        if (current == null || !current.isOpen()) {
            onFailure.accept(new IllegalStateException("not open"));
            return;
        }
        current.sendText(text, Callback.from(onSent, onFailure));
    }

    /** Starts a normal close (1000); the close frame exchange completes in the background. */
    public void close() {
        Session current = session;
        if (current != null && current.isOpen()) current.close(1000, "bench done", Callback.NOOP);
    }

    /** Drops the TCP connection without a close frame. */
    public void abort() {
        Session current = session;
        if (current != null) current.disconnect();
    }

    void connecting(long nanos) {
        startNanos = nanos;
        tally.countAttempt();
    }

    void connectFailed(Throwable cause) {
        if (!ended.compareAndSet(false, true)) return;
        tally.countFailure(cause);
        traffic.failed(this, cause);
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        this.session = opened;
        tally.countOpened();
    }

    /**
     * Every frame arrives here, so text is read from its UTF-8 bytes: Jetty's decoding of each
     * message into a String took a fifth of the client's samples in fan-out runs. Pings are answered
     * here, since taking frames replaces Jetty's automatic pong.
     */
    @Override
    public void onWebSocketFrame(Frame frame, Callback callback) {
        switch (frame.getType()) {
            case TEXT, CONTINUATION -> textFrame(frame.getPayload(), frame.isFin());
            case PING -> {
                Session current = session;
                if (current != null) current.sendPong(copyOf(frame.getPayload()), Callback.NOOP);
            }
            default -> { } // pongs, the close frame (Jetty completes the close handshake) and binary frames
        }
        callback.succeed();
    }

    private void textFrame(ByteBuffer payload, boolean fin) {
        if (!fin || fragments != null) {
            // A message in several frames (the server does not fragment, but another server may).
            if (fragments == null) fragments = new ByteArrayOutputStream();
            byte[] bytes = copyOf(payload).array();
            fragments.write(bytes, 0, bytes.length);
            if (!fin) return;
            byte[] whole = fragments.toByteArray();
            fragments = null;
            textMessage(whole, 0, whole.length);
        } else if (payload == null) {
            textMessage(new byte[0], 0, 0);
        } else if (payload.hasArray()) {
            textMessage(payload.array(), payload.arrayOffset() + payload.position(), payload.remaining());
        } else {
            int length = payload.remaining();
            byte[] scratch = SCRATCH.get();
            if (scratch.length < length) SCRATCH.set(scratch = new byte[length]);
            payload.duplicate().get(scratch, 0, length);
            textMessage(scratch, 0, length);
        }
    }

    private void textMessage(byte[] bytes, int offset, int length) {
        long now = System.nanoTime();
        receivingNanos = now;
        if (welcome == null) {
            readFirstFrame(new String(bytes, offset, length, StandardCharsets.UTF_8), now);
            return;
        }
        tally.countFrame(READER.read(bytes, offset, length, events));
    }

    private static ByteBuffer copyOf(ByteBuffer payload) {
        if (payload == null) return ByteBuffer.allocate(0);
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
        copy.put(payload.duplicate()).flip();
        return copy;
    }

    /**
     * The contract makes the welcome the first frame. A server that wraps it in a batch with the
     * events queued behind it breaks that (a strict client cannot read it); such a welcome is
     * counted as a violation and still used, so the rest of the run can measure that server.
     */
    private void readFirstFrame(String text, long now) {
        Decoded<ServerMessage> decoded = codec.decodeServer(text);
        if (decoded instanceof Decoded.Ok<ServerMessage> ok && ok.message() instanceof Welcome first) {
            welcomed(first, now);
            tally.countFrame(1);
            return;
        }
        Optional<BatchedWelcome> batched = BatchedWelcome.read(codec, text);
        if (batched.isPresent()) {
            tally.countViolation("welcome inside a batch, not its own first frame", text);
            welcomed(batched.get().welcome(), now);
            String rest = batched.get().rest();
            tally.countFrame(rest == null ? 1 : 1 + Math.max(0, READER.read(rest, events)));
            return;
        }
        tally.countFrame(-1);
        tally.countViolation("first frame is not a welcome", text);
        session.close(CLOSE_PROTOCOL_ERROR, "first frame was not a welcome", Callback.NOOP);
    }

    private void welcomed(Welcome first, long now) {
        welcome = first;
        tally.countWelcome(now - startNanos);
        traffic.welcomed(this, first);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        if (!ended.compareAndSet(false, true)) return;
        closeCode = statusCode;
        tally.countClose(statusCode);
        traffic.closed(this, statusCode, reason);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        // A failed connect is reported by the connect future; errors of an open session end in a close.
        if (session == null) connectFailed(cause);
    }
}
