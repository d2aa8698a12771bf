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

    /** A server that records its spaces into {@code folder} (a test's own, not ./recordings). */
    public static TestServer recording(int capacity, java.nio.file.Path folder) {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).capacity(capacity).recordingsFolder(folder).build();
        return new TestServer(new HeartbeatServer(config).start());
    }

    /** The HTTP address of the server's API. */
    public String http(String path) {
        return "http://127.0.0.1:" + port() + path;
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
