package dev.heartbeat.server.ws;

import dev.heartbeat.protocol.message.CloseCode;
import dev.heartbeat.server.fanout.FrameSink;
import dev.heartbeat.server.fanout.Outbox;
import dev.heartbeat.server.space.Space;
import dev.heartbeat.server.space.Viewer;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Utf8StringBuilder;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.exception.BadPayloadException;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;

/**
 * One open WebSocket on Jetty's core API: it reads frames into text messages for the
 * {@link SpaceEndpoint}, writes the outbox's frames, and remembers where it stands. Nothing of
 * the upgrade request is kept, so an idle connection costs little more than Jetty's own session.
 */
final class Connection implements FrameHandler, FrameSink {
    /** Closes run here, never on the caller's thread (it may hold locks) nor in the shared common pool. */
    private static final Executor CLOSER = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "heartbeat-closer");
        thread.setDaemon(true);
        return thread;
    });

    private final SpaceEndpoint endpoint;
    private final int maxMessageBytes;
    // What the upgrade asked for; dropped once the connection has entered its space.
    String spaceName;
    String requestedName;
    String resumeToken;
    final long upgradeStartedNanos;
    /** The client's address, for its share of connections; null when Jetty could not tell. */
    final InetAddress address;
    final InboundLimiter limiter;
    Outbox outbox;
    private CoreSession session;
    /** A text message arriving in several frames. */
    private Utf8StringBuilder fragments;
    volatile Space space;
    volatile Viewer viewer;
    /** The transport failed or went silent, as opposed to the viewer closing it. */
    volatile boolean lost;
    /** The code the server closed it with; 0 when the client (or the network) ended it. */
    private volatile int serverCloseCode;
    /** When the client last sent anything at all, pongs included. */
    volatile long lastInboundNanos = System.nanoTime();
    /** When the server last pinged it; only the sweep reads and writes this. */
    long lastPingNanos = lastInboundNanos;

    Connection(SpaceEndpoint endpoint, int maxMessageBytes, int pulsesPerSecond, String spaceName,
               String requestedName, String resumeToken, long upgradeStartedNanos, InetAddress address) {
        this.endpoint = endpoint;
        this.maxMessageBytes = maxMessageBytes;
        this.limiter = new InboundLimiter(pulsesPerSecond);
        this.spaceName = spaceName;
        this.requestedName = requestedName;
        this.resumeToken = resumeToken;
        this.upgradeStartedNanos = upgradeStartedNanos;
        this.address = address;
    }

    void entered(Space enteredSpace, Viewer enteredAs) {
        this.space = enteredSpace;
        this.viewer = enteredAs;
    }

    int serverCloseCode() {
        return serverCloseCode;
    }

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        session = coreSession;
        callback.succeeded();
        endpoint.opened(this);
        coreSession.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        lastInboundNanos = System.nanoTime();
        switch (frame.getOpCode()) {
            case OpCode.TEXT, OpCode.CONTINUATION -> text(frame, callback);
            case OpCode.BINARY -> {
                callback.succeeded();
                close(CloseCode.UNSUPPORTED_DATA.code(), "binary frames are not accepted; send JSON text");
            }
            // Jetty answers a ping with a pong itself once the callback completes, and a close with a close.
            case OpCode.CLOSE -> callback.succeeded();
            default -> {
                callback.succeeded();
                session.demand();
            }
        }
    }

    private void text(Frame frame, Callback callback) {
        if (frame.getOpCode() == OpCode.CONTINUATION && fragments == null) {
            callback.succeeded(); // the rest of a binary message, already refused
            return;
        }
        Utf8StringBuilder message = fragments != null ? fragments : new Utf8StringBuilder(frame.getPayloadLength());
        if (message.length() + frame.getPayloadLength() > maxMessageBytes) {
            callback.failed(new MessageTooLargeException("messages are at most " + maxMessageBytes + " bytes"));
            return;
        }
        message.append(frame.getPayload());
        if (!frame.isFin()) {
            if (message.hasCodingErrors()) {
                callback.failed(new BadPayloadException.InvalidUtf8());
                return;
            }
            fragments = message;
            callback.succeeded();
            session.demand();
            return;
        }
        fragments = null;
        String text;
        try {
            text = message.takeCompleteString(BadPayloadException.InvalidUtf8::new);
        } catch (BadPayloadException e) {
            callback.failed(e);
            return;
        }
        callback.succeeded();
        endpoint.received(this, text);
        session.demand();
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        endpoint.failed(this, cause);
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
        endpoint.closed(this, closeStatus.getCode());
        callback.succeeded();
    }

    @Override
    public void send(ByteBuffer utf8, SendCallback callback) {
        session.sendFrame(new Frame(OpCode.TEXT, utf8), Callback.from(callback::sent, callback::failed), false);
    }

    /** A WebSocket ping; the client's pong (or anything else it sends) shows it is alive. */
    void ping() {
        session.sendFrame(new Frame(OpCode.PING), Callback.NOOP, false);
    }

    @Override
    public void close(int code, String reason) {
        // Once the client has sent its own close, ours (a send that failed meanwhile) changes nothing.
        if (serverCloseCode == 0 && session.isInputOpen()) serverCloseCode = code;
        CLOSER.execute(() -> session.close(code, reason, Callback.NOOP));
    }
}
