package dev.heartbeat.server.ws;

import dev.heartbeat.protocol.message.SpaceName;
import dev.heartbeat.server.space.Spaces;
import java.net.InetAddress;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * Refuses an upgrade before it happens: bad space name 400, foreign origin 403, no room 503, an
 * address over its share (connections, new spaces) 429.
 */
public final class UpgradeGuard {
    /** Why an upgrade is refused: the HTTP status and a line for the client. */
    public record Refusal(int status, String message) {}

    private final OriginPolicy origins;
    private final Spaces spaces;
    private final IntSupplier connectionCount;
    private final int maxConnections;
    private final BooleanSupplier shuttingDown;
    private final AddressLimits addresses;

    public UpgradeGuard(OriginPolicy origins, Spaces spaces, IntSupplier connectionCount, int maxConnections,
                        BooleanSupplier shuttingDown, AddressLimits addresses) {
        this.origins = origins;
        this.spaces = spaces;
        this.connectionCount = connectionCount;
        this.maxConnections = maxConnections;
        this.shuttingDown = shuttingDown;
        this.addresses = addresses;
    }

    /** @param space the decoded path after {@code /ws/} */
    public Optional<Refusal> check(String space, String origin, String host, InetAddress client) {
        if (!SpaceName.isValid(space)) return refuse(400, "invalid space name: " + SpaceName.rule());
        if (!origins.allows(origin, host)) return refuse(403, "origin not allowed: " + origin);
        if (shuttingDown.getAsBoolean()) return refuse(503, "the server is shutting down");
        if (connectionCount.getAsInt() >= maxConnections) {
            return refuse(503, "the server holds its maximum of " + maxConnections + " connections");
        }
        if (client != null && !addresses.mayConnect(client)) {
            return refuse(429, "too many connections from " + client.getHostAddress());
        }
        if (spaces.atLimitFor(space)) return refuse(503, "the server holds as many spaces as it may");
        if (client != null && !spaces.exists(space) && !addresses.mayMakeSpace(client, System.nanoTime())) {
            return refuse(429, "too many new spaces from " + client.getHostAddress() + "; try again in a minute");
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(int status, String message) {
        return Optional.of(new Refusal(status, message));
    }
}
