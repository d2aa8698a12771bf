package dev.heartbeat.server.ws;

import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.NetworkTrafficListener;

/**
 * Notes when each WebSocket last received bytes from its client, pongs included. Jetty's own idle
 * timer also counts our writes (pings among them), so it would never find a silent client idle.
 */
public final class InboundActivity implements NetworkTrafficListener {
    private final ConcurrentHashMap<SocketAddress, Connection> byPeer = new ConcurrentHashMap<>();

    void track(SocketAddress peer, Connection connection) {
        if (peer != null) byPeer.put(peer, connection);
    }

    void untrack(SocketAddress peer, Connection connection) {
        if (peer != null) byPeer.remove(peer, connection);
    }

    @Override
    public void incoming(Socket socket, ByteBuffer bytes) {
        Connection connection = byPeer.get(socket.getRemoteSocketAddress());
        if (connection != null) connection.lastInboundNanos = System.nanoTime();
    }
}
