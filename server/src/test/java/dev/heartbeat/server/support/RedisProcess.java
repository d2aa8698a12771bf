package dev.heartbeat.server.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real redis-server (Debian's package) on a free loopback port, for cluster tests. Without the
 * binary the tests are skipped with a message, except in CI, where they must run.
 */
public final class RedisProcess implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/bin/redis-server");

    private final int port;
    private final List<String> settings;
    private Process process;

    private RedisProcess(int port, List<String> settings) {
        this.port = port;
        this.settings = settings;
    }

    /** @param settings more redis-server arguments, e.g. {@code "--requirepass", "secret"} */
    public static RedisProcess start(String... settings) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            String message = "redis-server is not installed: apt-get install redis-server";
            if ("true".equals(System.getenv("CI"))) fail(message + " (CI requires the cluster tests)");
            Assumptions.abort(message);
        }
        RedisProcess redis = new RedisProcess(freePort(), List.of(settings));
        redis.startAgain();
        return redis;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts (again) on the same port, empty, as after a crash without persistence. */
    public void startAgain() throws Exception {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--protected-mode", "no"));
        command.addAll(settings);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        fail("redis-server did not start on port " + port);
    }

    /** Stops it hard, as an outage would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) kill();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
