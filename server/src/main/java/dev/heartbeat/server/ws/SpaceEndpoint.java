package dev.heartbeat.server.ws;

import dev.heartbeat.protocol.codec.DecodeError;
import dev.heartbeat.protocol.codec.Decoded;
import dev.heartbeat.protocol.codec.ProtocolCodec;
import dev.heartbeat.protocol.message.ClientMessage;
import dev.heartbeat.protocol.message.CloseCode;
import dev.heartbeat.protocol.message.ErrorCode;
import dev.heartbeat.protocol.message.MemberName;
import dev.heartbeat.protocol.message.Ping;
import dev.heartbeat.protocol.message.Pong;
import dev.heartbeat.protocol.message.PulseRequest;
import dev.heartbeat.protocol.message.RenameRequest;
import dev.heartbeat.server.ServerMetrics;
import dev.heartbeat.server.config.ServerConfig;
import dev.heartbeat.server.fanout.FlushClock;
import dev.heartbeat.server.fanout.Outbox;
import dev.heartbeat.server.space.Arrival;
import dev.heartbeat.server.space.Departure;
import dev.heartbeat.server.space.Identity;
import dev.heartbeat.server.space.Space;
import dev.heartbeat.server.space.Spaces;
import dev.heartbeat.server.space.Viewer;
import io.javalin.websocket.WsBinaryMessageContext;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsErrorContext;
import io.javalin.websocket.WsMessageContext;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.exceptions.WebSocketTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /ws/{space}}: turns WebSocket events into space operations, one connection at a time. */
public final class SpaceEndpoint implements Consumer<WsConfig> {
    private static final Logger LOG = LoggerFactory.getLogger(SpaceEndpoint.class);
    /** How long a connection may keep dropping pulses before it is closed as a slow consumer. */
    private static final long SLOW_CONSUMER_GRACE_MS = 5_000;
    private static final Duration MAX_SWEEP = Duration.ofMillis(250);

    private final ServerConfig config;
    private final Spaces spaces;
    private final ProtocolCodec codec;
    private final FlushClock flushClock;
    private final ServerMetrics metrics;
    private final Clock clock;
    private final ConcurrentHashMap<String, Connection> connections = new ConcurrentHashMap<>();
    private final InboundActivity activity = new InboundActivity();

    public SpaceEndpoint(ServerConfig config, Spaces spaces, ProtocolCodec codec, FlushClock flushClock,
                         ServerMetrics metrics, Clock clock) {
        this.config = config;
        this.spaces = spaces;
        this.codec = codec;
        this.flushClock = flushClock;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void accept(WsConfig ws) {
        ws.onConnect(this::connected);
        ws.onMessage(this::received);
        ws.onBinaryMessage(this::receivedBinary);
        ws.onClose(this::closed);
        ws.onError(this::failed);
    }

    public int connectionCount() {
        return connections.size();
    }

    /** Graceful shutdown: every connection gets what is queued for it, then 1001. */
    public void closeAll() {
        for (Connection connection : connections.values()) {
            connection.outbox.closeAfterFlush(CloseCode.GOING_AWAY.code(), "server shutting down");
        }
    }

    /** Give this to the connector, so that silence can be told from traffic. */
    public InboundActivity activity() {
        return activity;
    }

    /**
     * Keepalive for every connection in one pass: a ping every ping interval, and a close for
     * those whose client sent nothing, pongs included, for the idle timeout. One sweep costs far
     * less than a scheduled task per connection.
     */
    public void sweep() {
        long now = System.nanoTime();
        long idleLimit = config.idleTimeout().toNanos();
        long pingEvery = config.pingInterval().toNanos();
        for (Connection connection : connections.values()) {
            if (connection.outbox.isClosed()) continue;
            if (now - connection.lastInboundNanos > idleLimit) {
                connection.lost = true;
                connection.outbox.close(CloseCode.GOING_AWAY.code(), "idle timeout");
            } else if (now - connection.lastPingNanos >= pingEvery) {
                connection.lastPingNanos = now;
                connection.sink.ping();
            }
        }
    }

    /** How often {@link #sweep} must run to keep the ping interval and idle timeout to within a quarter. */
    public Duration sweepInterval() {
        Duration shortest = config.pingInterval().compareTo(config.idleTimeout()) < 0 ? config.pingInterval() : config.idleTimeout();
        Duration quarter = shortest.dividedBy(4);
        return quarter.compareTo(MAX_SWEEP) < 0 ? quarter : MAX_SWEEP;
    }

    private void connected(WsConnectContext ctx) {
        ServerCloseRecord closeRecord = new ServerCloseRecord();
        JettySessionSink sink = new JettySessionSink(ctx.session, closeRecord);
        Outbox outbox = new Outbox(sink, flushClock, metrics, config.outboundQueueLimit(), SLOW_CONSUMER_GRACE_MS);
        Connection connection = new Connection(sink, outbox, new InboundLimiter(config.pulsesPerSecond()), closeRecord);
        connections.put(ctx.sessionId(), connection);
        activity.track(ctx.session.getRemoteSocketAddress(), connection);
        ctx.session.addIdleTimeoutListener(timeout -> {
            connection.lost = true;
            return true;
        });

        Identity identity = Identity.fromToken(ctx.queryParam("resume")).orElseGet(Identity::fresh);
        String name = MemberName.clean(ctx.queryParam("name"));
        if (name.isEmpty()) name = "guest-" + identity.id().substring(0, 4);
        Arrival arrival = spaces.enter(ctx.pathParam("space"), identity, name, outbox);
        if (arrival instanceof Arrival.Entered entered) {
            connection.entered(entered.space(), entered.viewer());
        } else if (arrival instanceof Arrival.Full) {
            outbox.close(CloseCode.SPACE_FULL.code(), "space and queue are full");
        } else if (arrival instanceof Arrival.TooManySpaces) {
            outbox.close(CloseCode.TRY_AGAIN_LATER.code(), "too many spaces, try again later");
        } else {
            outbox.close(CloseCode.TRY_AGAIN_LATER.code(), "cluster store unavailable, try again later");
        }
    }

    private void received(WsMessageContext ctx) {
        Connection connection = connections.get(ctx.sessionId());
        if (connection == null || connection.viewer == null) return;
        Space space = connection.space;
        Viewer viewer = connection.viewer;
        long now = System.nanoTime();
        switch (connection.limiter.message(now)) {
            case ABUSE -> {
                kick(connection, "message flood");
                return;
            }
            case DROP, DROP_AND_TELL -> {
                return;
            }
            case ALLOW -> { }
        }
        Decoded<ClientMessage> decoded = codec.decodeClient(ctx.message());
        if (decoded instanceof Decoded.Failed<ClientMessage> failed) {
            DecodeError error = failed.error();
            metrics.messageIn("invalid");
            space.refuse(viewer, error.wireCode(), error.message());
            return;
        }
        ClientMessage message = ((Decoded.Ok<ClientMessage>) decoded).message();
        if (message instanceof Ping ping) {
            metrics.messageIn("ping");
            space.tell(viewer, new Pong(ping.t(), clock.millis()));
        } else if (message instanceof PulseRequest pulse) {
            metrics.messageIn("pulse");
            pulse(connection, space, viewer, pulse, now);
        } else if (message instanceof RenameRequest rename) {
            metrics.messageIn("rename");
            String clean = MemberName.clean(rename.name());
            if (clean.isEmpty()) {
                space.refuse(viewer, ErrorCode.BAD_MESSAGE, "a name needs at least one printable character");
            } else {
                space.rename(viewer, clean);
            }
        }
    }

    private void pulse(Connection connection, Space space, Viewer viewer, PulseRequest pulse, long now) {
        switch (connection.limiter.pulse(now)) {
            case ALLOW -> {
                if (!space.pulse(viewer, pulse.effectiveStrength())) {
                    space.refuse(viewer, ErrorCode.NOT_ACTIVE, "you are waiting in line; only active members pulse");
                }
            }
            case DROP -> metrics.pulseRateLimited();
            case DROP_AND_TELL -> {
                metrics.pulseRateLimited();
                space.refuse(viewer, ErrorCode.RATE_LIMITED,
                        "at most " + config.pulsesPerSecond() + " pulses a second; the excess was dropped");
            }
            case ABUSE -> kick(connection, "pulse rate limit exceeded for too long");
        }
    }

    private void receivedBinary(WsBinaryMessageContext ctx) {
        Connection connection = connections.get(ctx.sessionId());
        if (connection != null) {
            connection.outbox.close(CloseCode.UNSUPPORTED_DATA.code(), "binary frames are not accepted; send JSON text");
        }
    }

    private void closed(WsCloseContext ctx) {
        metrics.closed(ctx.status());
        LOG.debug("closed {} with {} ({})", ctx.sessionId(), ctx.status(), ctx.reason());
        Connection connection = connections.remove(ctx.sessionId());
        if (connection == null) return;
        activity.untrack(ctx.session.getRemoteSocketAddress(), connection);
        if (connection.viewer != null) {
            connection.space.depart(connection.viewer, connection.outbox, departureOf(connection, ctx.status()));
        }
        connection.outbox.detach();
    }

    private void failed(WsErrorContext ctx) {
        Connection connection = connections.get(ctx.sessionId());
        Throwable error = ctx.error();
        if (connection != null && (error instanceof WebSocketTimeoutException || error instanceof IOException)) {
            connection.lost = true;
        }
        LOG.debug("WebSocket error on {}: {}", ctx.sessionId(), error == null ? "unknown" : error.toString());
    }

    private void kick(Connection connection, String reason) {
        LOG.info("closing {} in {}: {}", connection.viewer.id(), connection.space.name(), reason);
        connection.outbox.close(CloseCode.POLICY.code(), reason);
    }

    private static Departure departureOf(Connection connection, int status) {
        int serverCode = connection.closeRecord.code();
        if (serverCode == CloseCode.POLICY.code() || serverCode == CloseCode.TRY_AGAIN_LATER.code()
                || serverCode == CloseCode.UNSUPPORTED_DATA.code()) {
            return Departure.KICKED;
        }
        // A failed send (1011) is a broken transport like an abrupt close: the line waits for a resume.
        if (connection.lost || serverCode == CloseCode.SERVER_ERROR.code() || (serverCode == 0 && status == 1006)) {
            return Departure.LOST;
        }
        return Departure.CLOSED;
    }
}
