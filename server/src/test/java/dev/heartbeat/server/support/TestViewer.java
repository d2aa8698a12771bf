package dev.heartbeat.server.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.heartbeat.protocol.codec.Decoded;
import dev.heartbeat.protocol.codec.ProtocolCodec;
import dev.heartbeat.protocol.message.Batch;
import dev.heartbeat.protocol.message.ServerEvent;
import dev.heartbeat.protocol.message.ServerMessage;
import dev.heartbeat.protocol.message.Welcome;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/** A real WebSocket viewer for tests: records every frame and every event, flattening batches. */
public final class TestViewer extends WebSocketClient {
    private static final ProtocolCodec CODEC = new ProtocolCodec(1 << 20);
    public static final Duration WAIT = Duration.ofSeconds(10);

    private final LinkedBlockingQueue<ServerMessage> inbox = new LinkedBlockingQueue<>();
    private final List<ServerMessage> everything = new CopyOnWriteArrayList<>();
    /** Frames the codec refused: a server bug that every wait reports. */
    private final List<String> unreadable = new CopyOnWriteArrayList<>();
    private final AtomicInteger frames = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile int closeCode = -1;
    private volatile String closeReason;
    private volatile boolean closedRemotely;
    private Welcome welcome;

    private TestViewer(URI uri, Map<String, String> headers) {
        super(uri, headers);
        setConnectionLostTimeout(0);
    }

    public static TestViewer connect(URI uri) {
        return connect(uri, Map.of());
    }

    public static TestViewer connect(URI uri, Map<String, String> headers) {
        TestViewer viewer = new TestViewer(uri, headers);
        try {
            // A server may accept and close at once (4002); that is an answer, not a failure to connect.
            if (!viewer.connectBlocking(10, TimeUnit.SECONDS) && !viewer.isClosedYet()) fail("could not connect to " + uri);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return viewer;
    }

    /** Connects and waits for the welcome. */
    public static TestViewer join(URI uri) {
        TestViewer viewer = connect(uri);
        viewer.welcome();
        return viewer;
    }

    @Override
    public void onOpen(ServerHandshake handshake) {}

    @Override
    public void onMessage(String text) {
        frames.incrementAndGet();
        Decoded<ServerMessage> decoded = CODEC.decodeServer(text);
        if (decoded instanceof Decoded.Failed<ServerMessage> failed) {
            unreadable.add(failed.error() + ": " + text);
            return;
        }
        ServerMessage message = ((Decoded.Ok<ServerMessage>) decoded).message();
        List<ServerMessage> flattened = new ArrayList<>();
        if (message instanceof Batch batch) flattened.addAll(batch.events());
        else flattened.add(message);
        everything.addAll(flattened);
        inbox.addAll(flattened);
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
        throw new AssertionError("server sent a binary frame");
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closeCode = code;
        closeReason = reason;
        closedRemotely = remote;
        closed.countDown();
    }

    @Override
    public void onError(Exception ex) {}

    public synchronized Welcome welcome() {
        if (welcome == null) {
            ServerMessage first = poll(WAIT);
            assertThat(first).as("first frame").isInstanceOf(Welcome.class);
            welcome = (Welcome) first;
        }
        return welcome;
    }

    public String id() {
        return welcome().you().id();
    }

    /** The next event of this type; events of other types before it are consumed. */
    public <T extends ServerEvent> T next(Class<T> type) {
        return next(type, e -> true);
    }

    public <T extends ServerEvent> T next(Class<T> type, Predicate<T> matching) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ServerMessage message = poll(Duration.ofNanos(deadline - System.nanoTime()));
            if (type.isInstance(message) && matching.test(type.cast(message))) return type.cast(message);
        }
        throw new AssertionError("no " + type.getSimpleName() + " within " + WAIT + "; got " + everything);
    }

    /** Waits until an event like this has been received, whether or not an earlier wait consumed it. */
    public <T extends ServerEvent> T eventually(Class<T> type, Predicate<T> matching) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (T event : received(type)) {
                if (matching.test(event)) return event;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no matching " + type.getSimpleName() + " within " + WAIT + "; got " + everything);
    }

    /** Every event of this type received so far, in order, without consuming. */
    public <T extends ServerEvent> List<T> received(Class<T> type) {
        return everything.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public int framesReceived() {
        return frames.get();
    }

    public void pulse() {
        send("{\"type\":\"pulse\"}");
    }

    /** Waits for the server to close this connection and returns the close code. */
    public int awaitClose() {
        try {
            if (!closed.await(WAIT.toSeconds(), TimeUnit.SECONDS)) fail("connection was not closed; got " + everything);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return closeCode;
    }

    public String closeReason() {
        return closeReason;
    }

    public boolean closedRemotely() {
        return closedRemotely;
    }

    public boolean isClosedYet() {
        return closed.getCount() == 0;
    }

    private ServerMessage poll(Duration timeout) {
        try {
            ServerMessage message = inbox.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (message == null) {
                throw new AssertionError("nothing received within " + timeout + "; got " + everything
                        + (unreadable.isEmpty() ? "" : "; unreadable frames: " + unreadable));
            }
            return message;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
