package dev.heartbeat.desktop.support;

import dev.heartbeat.server.HeartbeatServer;
import dev.heartbeat.server.config.ServerConfig;

/** A real Heartbeat server in this JVM, on a free port or on a given one (to play a restart). */
public final class TestServer implements AutoCloseable {
    private final HeartbeatServer server;

    private TestServer(HeartbeatServer server) {
        this.server = server;
    }

    public static TestServer start(int capacity) {
        return start(capacity, 0);
    }

    public static TestServer start(int capacity, int port) {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(port).capacity(capacity).build();
        return new TestServer(new HeartbeatServer(config).start());
    }

    public int port() {
        return server.port();
    }

    /** What the viewer's --server option would be. */
    public String url() {
        return "ws://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.close();
    }
}
