package dev.heartbeat.server.ws;

import dev.heartbeat.protocol.message.SpaceName;
import dev.heartbeat.server.space.Spaces;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.Handler;
import io.javalin.http.ServiceUnavailableResponse;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/** Refuses an upgrade before it happens: bad space name 400, foreign origin 403, no room 503. */
public final class UpgradeGuard implements Handler {
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

    @Override
    public void handle(Context ctx) {
        String space = ctx.pathParamMap().get("space");
        if (!SpaceName.isValid(space)) throw new BadRequestResponse("invalid space name: " + SpaceName.rule());
        if (!origins.allows(ctx.header("Origin"), ctx.header("Host"))) {
            throw new ForbiddenResponse("origin not allowed: " + ctx.header("Origin"));
        }
        if (shuttingDown.getAsBoolean()) throw new ServiceUnavailableResponse("the server is shutting down");
        if (connectionCount.getAsInt() >= maxConnections) {
            throw new ServiceUnavailableResponse("the server holds its maximum of " + maxConnections + " connections");
        }
        if (spaces.atLimitFor(space)) throw new ServiceUnavailableResponse("the server holds as many spaces as it may");
    }
}
