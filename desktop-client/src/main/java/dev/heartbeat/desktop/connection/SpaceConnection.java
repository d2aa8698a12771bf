package dev.heartbeat.desktop.connection;

import dev.heartbeat.desktop.state.ViewerEvent;
import dev.heartbeat.protocol.codec.Decoded;
import dev.heartbeat.protocol.codec.ProtocolCodec;
import dev.heartbeat.protocol.message.CloseCode;
import dev.heartbeat.protocol.message.Ping;
import dev.heartbeat.protocol.message.PulseRequest;
import dev.heartbeat.protocol.message.RenameRequest;
import dev.heartbeat.protocol.message.ServerMessage;
import dev.heartbeat.protocol.message.Welcome;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The viewer's link to one space: opens the socket, decodes frames, reconnects with backoff and the
 * resume token, pings to keep the clock honest, and sends pulses. All of its own state lives on
 * one "heartbeat-connection" thread; socket callbacks are handed to it, so no locks are needed.
 * It reports to a {@link ConnectionListener} and never touches the UI.
 */
public final class SpaceConnection implements AutoCloseable {
    /** How often an application ping refines the server clock (default 15 s). */
    public static final long PING_INTERVAL_MS = 15_000;
    /** Java-WebSocket's own ping-based check of a silent peer, in seconds (default 40 s). */
    static final int LOST_TIMEOUT_SECONDS = 40;
    /** How long {@link #close()} waits for the close handshake before giving up. */
    static final long CLOSE_WAIT_MS = 1_000;
    /** Frames from the server may be larger than the 1 KiB that clients may send: a welcome lists every member. */
    static final int MAX_SERVER_FRAME_BYTES = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(SpaceConnection.class);

    private final SpaceAddress address;
    private final ConnectionListener listener;
    private final Backoff backoff;
    private final LongSupplier clock;
    private final ProtocolCodec codec = new ProtocolCodec(MAX_SERVER_FRAME_BYTES);
    private final ScheduledExecutorService loop;

    // Owned by the loop thread.
    private Socket socket;
    private String resume;
    private int retries;
    private boolean stopped;
    private ScheduledFuture<?> pending;
    private ScheduledFuture<?> pinger;
    private final CountDownLatch closed = new CountDownLatch(1);

    public SpaceConnection(SpaceAddress address, ConnectionListener listener) {
        this(address, listener, Backoff.standard(), System::currentTimeMillis);
    }

    public SpaceConnection(SpaceAddress address, ConnectionListener listener, Backoff backoff, LongSupplier clock) {
        this.address = address;
        this.listener = listener;
        this.backoff = backoff;
        this.clock = clock;
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartbeat-connection");
            t.setDaemon(true);
            return t;
        });
    }

    public SpaceAddress address() {
        return address;
    }

    /** Opens the first socket; everything after happens on the connection's thread. */
    public SpaceConnection start() {
        submit(this::open);
        return this;
    }

    /** Asks the server to pulse this viewer's line; dropped when no socket is open. */
    public void pulse(double strength) {
        PulseRequest request = new PulseRequest(strength >= PulseRequest.DEFAULT_STRENGTH ? null : strength);
        send(codec.encode(request));
    }

    /** Asks the server for a new display name. */
    public void rename(String name) {
        send(codec.encode(new RenameRequest(name)));
    }

    /**
     * Closes the socket with 1000 and stops reconnecting; waits up to a second for the close
     * handshake so that the server sees a clean leave. Safe to call more than once.
     */
    @Override
    public void close() {
        if (loop.isShutdown()) return;
        submit(() -> {
            stopped = true;
            cancel(pending);
            cancel(pinger);
            if (socket != null && !socket.isClosed()) {
                socket.close(CloseCode.NORMAL.code(), "viewer closed");
            } else {
                closed.countDown();
            }
        });
        try {
            closed.await(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loop.shutdownNow();
    }

    private void send(String frame) {
        submit(() -> {
            if (socket != null && socket.isOpen()) socket.send(frame);
        });
    }

    /** Runs {@code task} on the loop; after {@link #close()} there is nothing left to do. */
    private void submit(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException closedAlready) {
            // close() has shut the loop down: late socket callbacks and sends have nowhere to go.
        }
    }

    private void open() {
        if (stopped) return;
        URI uri = address.socketUri(resume);
        socket = new Socket(uri);
        listener.onEvent(new ViewerEvent.Connecting(address.describe(), retries, clock.getAsLong()));
        socket.connect();
    }

    private void onFrame(Socket from, String text) {
        if (from != socket) return;
        Decoded<ServerMessage> decoded = codec.decodeServer(text);
        if (decoded instanceof Decoded.Failed<ServerMessage> failed) {
            // Unknown types and fields are the contract's way to grow; skip them quietly.
            LOG.debug("skipped a frame: {}", failed.error().message());
            return;
        }
        ServerMessage message = ((Decoded.Ok<ServerMessage>) decoded).message();
        if (message instanceof Welcome welcome) {
            resume = welcome.resume();
            retries = 0;
            cancel(pinger);
            pinger = loop.scheduleWithFixedDelay(this::ping, 0, PING_INTERVAL_MS, TimeUnit.MILLISECONDS);
        }
        listener.onEvent(new ViewerEvent.Received(message, clock.getAsLong()));
    }

    private void ping() {
        if (socket != null && socket.isOpen()) socket.send(codec.encode(new Ping(clock.getAsLong())));
    }

    private void onClosed(Socket from, int code, String message, boolean remote) {
        if (from != socket) return;
        cancel(pinger);
        long now = clock.getAsLong();
        if (stopped) {
            listener.onEvent(new ViewerEvent.Disconnected(code, "closed", now));
            closed.countDown();
            return;
        }
        CloseRule rule = CloseRule.of(code, message, remote);
        if (code == CloseCode.REPLACED.code()) resume = null;
        if (!rule.retry()) {
            stopped = true;
            listener.onEvent(new ViewerEvent.Disconnected(code, rule.reason(), now));
            closed.countDown();
            return;
        }
        long delay = Math.max(rule.minimumDelayMs(), backoff.delayMs(retries));
        retries++;
        listener.onEvent(new ViewerEvent.ConnectionLost(code, rule.reason(), now + delay, now));
        pending = loop.schedule(this::open, delay, TimeUnit.MILLISECONDS);
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) future.cancel(false);
    }

    /** One attempt; its callbacks run on Java-WebSocket's threads and are handed to the loop. */
    private final class Socket extends WebSocketClient {
        Socket(URI uri) {
            super(uri);
            setConnectionLostTimeout(LOST_TIMEOUT_SECONDS);
            setDaemon(true);
            setTcpNoDelay(true);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            // Nothing to do: the welcome frame says more than the handshake.
        }

        @Override
        public void onMessage(String text) {
            submit(() -> onFrame(this, text));
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            submit(() -> onClosed(this, code, reason, remote));
        }

        @Override
        public void onError(Exception e) {
            // onClose follows every error; log for the curious only.
            LOG.debug("socket error on {}", getURI(), e);
        }
    }
}
