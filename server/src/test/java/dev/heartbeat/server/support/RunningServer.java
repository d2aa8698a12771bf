package dev.heartbeat.server.support;

import dev.heartbeat.server.HeartbeatServer;
import dev.heartbeat.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** A real server on a free port, for one test class or one test. */
public final class RunningServer implements Deployment {
    private final HeartbeatServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    private RunningServer(HeartbeatServer server) {
        this.server = server;
    }

    public static RunningServer start(UnaryOperator<ServerConfig.Builder> settings) {
        ServerConfig.Builder defaults = ServerConfig.builder().host("127.0.0.1").port(0).recordingsFolder(freshFolder());
        return new RunningServer(new HeartbeatServer(settings.apply(defaults).build()).start());
    }

    /** Each test server records into a folder of its own. */
    private static Path freshFolder() {
        try {
            return Files.createTempDirectory("heartbeat-recordings");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HeartbeatServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    public URI ws(String space) {
        return URI.create("ws://127.0.0.1:" + port() + "/ws/" + space);
    }

    @Override
    public URI ws(String space, String query) {
        return URI.create("ws://127.0.0.1:" + port() + "/ws/" + space + "?" + query);
    }

    public static String param(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path)).GET());
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request.build(), body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public URI http(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    @Override
    public void close() {
        server.close();
    }
}
