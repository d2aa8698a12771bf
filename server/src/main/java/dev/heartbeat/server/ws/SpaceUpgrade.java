package dev.heartbeat.server.ws;

import dev.heartbeat.server.config.ServerConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.WebSocketExtensionRegistry;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;

/**
 * Upgrades {@code /ws/{space}} on Jetty's core WebSocket layer, in front of Javalin: no servlet
 * request, no Javalin context and no copy of the upgrade request outlive the handshake. Refusals
 * (400, 403, 503) are answered before the upgrade.
 */
public final class SpaceUpgrade extends WebSocketNegotiator.AbstractNegotiator {
    private static final String PREFIX = "/ws/";
    /** Frames we send are not split below this; a batch of Outbox.MAX_EVENTS_PER_FRAME events fits. */
    private static final int MAX_FRAME_BYTES = 64 * 1024;

    private final UpgradeGuard guard;
    private final SpaceEndpoint endpoint;

    public SpaceUpgrade(UpgradeGuard guard, SpaceEndpoint endpoint) {
        this.guard = guard;
        this.endpoint = endpoint;
    }

    /** Puts the upgrade in front of whatever handles the server's other requests (Javalin). */
    public void install(Server server, ServerConfig config) {
        WebSocketExtensionRegistry noExtensions = new WebSocketExtensionRegistry();
        // permessage-deflate would compress every frame once per connection: the shared frames are sent as they are.
        Set.copyOf(noExtensions.getAvailableExtensionNames()).forEach(noExtensions::unregister);
        WebSocketComponents components = new WebSocketComponents(noExtensions, null, server.getByteBufferPool(), null, null,
                server.getThreadPool());
        // The server's own pool and buffers: the server starts and stops them, not the WebSocket layer.
        components.unmanage(server.getThreadPool());
        components.unmanage(server.getByteBufferPool());
        WebSocketUpgradeHandler upgrade = new WebSocketUpgradeHandler(components);
        upgrade.addMapping(PREFIX + "*", this);
        // Jetty's defaults (30 s idle, 64 KiB messages) are not the contract's. Jetty's idle timer also
        // counts our pings, so SpaceEndpoint.sweep enforces the idle timeout; this is a backstop.
        upgrade.getConfiguration().setIdleTimeout(config.idleTimeout().plus(config.pingInterval()));
        // The frame size is not the message limit: Jetty splits every frame it sends into pieces of at
        // most maxFrameSize, and at 1 KiB a batch of 150 events went out as 10 continuation frames
        // (the load generator spent 4x longer per event on them). Inbound, Connection holds each
        // message, fragments included, to maxMessageBytes and refuses more with 1009.
        upgrade.getConfiguration().setMaxFrameSize(MAX_FRAME_BYTES);
        upgrade.getConfiguration().setMaxTextMessageSize(config.maxMessageBytes());
        upgrade.getConfiguration().setMaxBinaryMessageSize(config.maxMessageBytes());
        upgrade.setHandler(server.getHandler());
        server.setHandler(upgrade);
    }

    @Override
    public FrameHandler negotiate(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        String path = request.getHttpURI().getDecodedPath();
        String space = path.length() > PREFIX.length() ? path.substring(PREFIX.length()) : "";
        InetAddress client = request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress remote
                ? remote.getAddress() : null;
        Optional<UpgradeGuard.Refusal> refusal = guard.check(space, request.getHeaders().get(HttpHeader.ORIGIN),
                request.getHeaders().get(HttpHeader.HOST), client);
        if (refusal.isPresent()) {
            Response.writeError(request, response, callback, refusal.get().status(), refusal.get().message());
            return null;
        }
        Fields query = Request.extractQueryParameters(request);
        return endpoint.newConnection(space, query.getValue("name"), query.getValue("resume"), request.getBeginNanoTime(), client);
    }
}
