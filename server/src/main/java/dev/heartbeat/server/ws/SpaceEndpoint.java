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
import dev.heartbeat.server.fanout.Frame;
import dev.heartbeat.server.fanout.Outbox;
import dev.heartbeat.server.space.Arrival;
import dev.heartbeat.server.space.Departure;
import dev.heartbeat.server.space.Identity;
import dev.heartbeat.server.space.ResumeTokens;
import dev.heartbeat.server.space.Space;
import dev.heartbeat.server.space.Spaces;
import dev.heartbeat.server.space.Viewer;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.exception.WebSocketTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /ws/{space}}: turns WebSocket events into space operations, one connection at a time. */
public final class SpaceEndpoint {
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
    private final ResumeTokens tokens;
    private final AddressLimits addresses;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

    public SpaceEndpoint(ServerConfig config, Spaces spaces, ProtocolCodec codec, FlushClock flushClock,
                         ServerMetrics metrics, Clock clock, ResumeTokens tokens, AddressLimits addresses) {
        this.config = config;
        this.spaces = spaces;
        this.codec = codec;
        this.flushClock = flushClock;
        this.metrics = metrics;
        this.clock = clock;
        this.tokens = tokens;
        this.addresses = addresses;
    }

    public int connectionCount() {
        return connections.size();
    }

    /** Graceful shutdown: every connection gets what is queued for it, then 1001. */
    public void closeAll() {
        for (Connection connection : connections) {
            Outbox outbox = connection.outbox;
            if (outbox != null) outbox.closeAfterFlush(CloseCode.GOING_AWAY.code(), "server shutting down");
        }
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
        for (Connection connection : connections) {
            Outbox outbox = connection.outbox;
            if (outbox == null || outbox.isClosed()) continue;
            if (now - connection.lastInboundNanos > idleLimit) {
                connection.lost = true;
                outbox.close(CloseCode.GOING_AWAY.code(), "idle timeout");
            } else if (now - connection.lastPingNanos >= pingEvery) {
                connection.lastPingNanos = now;
                connection.ping();
            }
        }
    }

    /** How often {@link #sweep} must run to keep the ping interval and idle timeout to within a quarter. */
    public Duration sweepInterval() {
        Duration shortest = config.pingInterval().compareTo(config.idleTimeout()) < 0 ? config.pingInterval() : config.idleTimeout();
        Duration quarter = shortest.dividedBy(4);
        return quarter.compareTo(MAX_SWEEP) < 0 ? quarter : MAX_SWEEP;
    }

    /** A connection for an upgrade the guard let through; it enters its space once open. */
    Connection newConnection(String space, String requestedName, String resumeToken, long upgradeStartedNanos,
                             InetAddress address) {
        return new Connection(this, config.maxMessageBytes(), config.pulsesPerSecond(), space, requestedName, resumeToken,
                upgradeStartedNanos, address);
    }

    void opened(Connection connection) {
        Outbox outbox = new Outbox(connection, flushClock, metrics, config.outboundQueueLimit(), SLOW_CONSUMER_GRACE_MS);
        connection.outbox = outbox;
        connections.add(connection);
        if (connection.address != null) addresses.opened(connection.address);

        Identity identity = tokens.resumeOrIssue(connection.resumeToken);
        String name = MemberName.clean(connection.requestedName);
        if (name.isEmpty()) name = "guest-" + identity.id().substring(0, 4);
        Arrival arrival = spaces.enter(connection.spaceName, identity, name, outbox);
        connection.spaceName = null;
        connection.requestedName = null;
        connection.resumeToken = null;
        if (arrival instanceof Arrival.Entered entered) {
            connection.entered(entered.space(), entered.viewer());
            outbox.sendFirst(Frame.alone(codec.encodeBytes(entered.welcome()))); // encoded outside the space's lock
            metrics.handshake(System.nanoTime() - connection.upgradeStartedNanos);
        } else if (arrival instanceof Arrival.Full) {
            outbox.close(CloseCode.SPACE_FULL.code(), "space and queue are full");
        } else if (arrival instanceof Arrival.TooManySpaces) {
            outbox.close(CloseCode.TRY_AGAIN_LATER.code(), "too many spaces, try again later");
        } else {
            outbox.close(CloseCode.TRY_AGAIN_LATER.code(), "cluster store unavailable, try again later");
        }
    }

    void received(Connection connection, String text) {
        Space space = connection.space;
        Viewer viewer = connection.viewer;
        if (viewer == null) return;
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
        Decoded<ClientMessage> decoded = codec.decodeClient(text);
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

    void failed(Connection connection, Throwable error) {
        if (error instanceof WebSocketTimeoutException || error instanceof IOException) connection.lost = true;
        LOG.debug("WebSocket error: {}", error == null ? "unknown" : error.toString());
    }

    void closed(Connection connection, int status) {
        metrics.closed(status);
        if (!connections.remove(connection)) return;
        if (connection.address != null) addresses.closed(connection.address);
        Outbox outbox = connection.outbox;
        if (connection.viewer != null) {
            connection.space.depart(connection.viewer, outbox, departureOf(connection, status));
        }
        outbox.detach();
    }

    private void kick(Connection connection, String reason) {
        LOG.info("closing {} in {}: {}", connection.viewer.id(), connection.space.name(), reason);
        connection.outbox.close(CloseCode.POLICY.code(), reason);
    }

    /**
     * The contract: a connection the server closed for trouble of its own (1001, 1011, 1013) or one
     * lost without a close handshake (1005, 1006) keeps its line for the grace period; one closed
     * for what it sent (1003, 1008) loses it at once; a viewer's own close is a leave.
     */
    static Departure departureOf(Connection connection, int status) {
        int serverCode = connection.serverCloseCode();
        if (serverCode == 0 && (status == CloseStatus.NORMAL || status == CloseStatus.SHUTDOWN)) {
            return Departure.CLOSED; // the viewer said goodbye, whatever the socket did after
        }
        if (serverCode == CloseCode.POLICY.code() || serverCode == CloseCode.UNSUPPORTED_DATA.code()) {
            return Departure.KICKED;
        }
        if (connection.lost || serverCode == CloseCode.GOING_AWAY.code() || serverCode == CloseCode.SERVER_ERROR.code()
                || serverCode == CloseCode.TRY_AGAIN_LATER.code()
                || (serverCode == 0 && (status == CloseStatus.NO_CODE || status == CloseStatus.NO_CLOSE))) {
            return Departure.LOST;
        }
        return Departure.CLOSED;
    }
}
