package dev.heartbeat.server.ws;

import dev.heartbeat.protocol.message.SpaceName;
import dev.heartbeat.server.space.Spaces;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/** Refuses an upgrade before it happens: bad space name 400, foreign origin 403, no room 503. */
public final class UpgradeGuard {
    /** Why an upgrade is refused: the HTTP status and a line for the client. */
    public record Refusal(int status, String message) {}

    private final OriginPolicy origins;
    private final Spaces spaces;
    private final IntSupplier connectionCount;
    private final int maxConnections;
    private final BooleanSupplier shuttingDown;

    public UpgradeGuard(OriginPolicy origins, Spaces spaces, IntSupplier connectionCount, int maxConnections,
                        BooleanSupplier shuttingDown) {
        this.origins = origins;
        this.spaces = spaces;
        this.connectionCount = connectionCount;
        this.maxConnections = maxConnections;
        this.shuttingDown = shuttingDown;
    }

    /** @param space the decoded path after {@code /ws/} */
    public Optional<Refusal> check(String space, String origin, String host) {
        if (!SpaceName.isValid(space)) return refuse(400, "invalid space name: " + SpaceName.rule());
        if (!origins.allows(origin, host)) return refuse(403, "origin not allowed: " + origin);
        if (shuttingDown.getAsBoolean()) return refuse(503, "the server is shutting down");
        if (connectionCount.getAsInt() >= maxConnections) {
            return refuse(503, "the server holds its maximum of " + maxConnections + " connections");
        }
        if (spaces.atLimitFor(space)) return refuse(503, "the server holds as many spaces as it may");
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(int status, String message) {
        return Optional.of(new Refusal(status, message));
    }
}
