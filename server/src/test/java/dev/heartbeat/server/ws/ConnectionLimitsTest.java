package dev.heartbeat.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.server.support.RunningServer;
import dev.heartbeat.server.support.TestViewer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What one client, or a crowd of half-open sockets, can hold of the server. */
class ConnectionLimitsTest {
    private final List<TestViewer> viewers = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        viewers.forEach(TestViewer::close);
        for (Socket socket : sockets) socket.close();
    }

    @Test
    void aSocketThatNeverFinishesItsUpgradeIsClosedAfterTheHandshakeTimeout() throws Exception {
        try (RunningServer server = RunningServer.start(c -> c.handshakeTimeout(Duration.ofMillis(500)))) {
            Socket slow = open(server);
            OutputStream out = slow.getOutputStream();
            out.write("GET /ws/slow HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            slow.setSoTimeout(150);
            InputStream in = slow.getInputStream();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            boolean closedByServer = false;
            // A header line now and then: Jetty's idle timeout alone would never fire.
            while (!closedByServer && System.nanoTime() < deadline) {
                try {
                    out.write("X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII));
                    closedByServer = in.read() == -1;
                } catch (SocketTimeoutException stillOpen) {
                    // no answer yet
                } catch (IOException reset) {
                    closedByServer = true;
                }
            }
            assertThat(closedByServer).as("closed within 5 s").isTrue();
        }
    }

    @Test
    void theServerHoldsNoMoreSocketsThanItsConnectionCapAllows() throws Exception {
        try (RunningServer server = RunningServer.start(c -> c.maxConnections(2).handshakeTimeout(Duration.ofSeconds(60)))) {
            assertThat(health(HttpClient.newHttpClient(), server)).isEqualTo(200);
            for (int i = 0; i < 2 + 64; i++) sockets.add(open(server)); // the cap plus the room past it
            Thread.sleep(300);
            boolean refused;
            try {
                health(HttpClient.newHttpClient(), server); // a new client: a new socket
                refused = false;
            } catch (HttpTimeoutException notAccepted) {
                refused = true;
            }
            assertThat(refused).as("the next socket waits unaccepted").isTrue();
            for (Socket socket : sockets) socket.close();
            sockets.clear();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            int status = 0;
            while (status != 200 && System.nanoTime() < deadline) {
                try {
                    status = health(HttpClient.newHttpClient(), server);
                } catch (HttpTimeoutException notYet) {
                    // the connector takes a moment to accept again
                }
            }
            assertThat(status).isEqualTo(200);
        }
    }

    @Test
    void anAddressPastItsShareOfConnectionsGets429() throws Exception {
        try (RunningServer server = RunningServer.start(c -> c.maxConnectionsPerAddress(2))) {
            viewers.add(TestViewer.join(server.ws("share")));
            TestViewer second = TestViewer.join(server.ws("share"));
            viewers.add(second);
            assertThat(upgrade(server, "/ws/share")).isEqualTo(429);
            second.close();
            second.awaitClose();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            int status = 429;
            while (status == 429 && System.nanoTime() < deadline) {
                status = upgrade(server, "/ws/share");
                if (status == 429) Thread.sleep(50);
            }
            assertThat(status).isEqualTo(101);
        }
    }

    @Test
    void anAddressOpeningTooManyNewSpacesGets429ButMayJoinSpacesThatExist() throws Exception {
        try (RunningServer server = RunningServer.start(c -> c.newSpacesPerMinute(3))) {
            for (int i = 0; i < 3; i++) viewers.add(TestViewer.join(server.ws("room-" + i)));
            assertThat(upgrade(server, "/ws/room-3")).isEqualTo(429);
            assertThat(upgrade(server, "/ws/room-0")).isEqualTo(101);
        }
    }

    private Socket open(RunningServer server) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
        return socket;
    }

    private static int health(HttpClient http, RunningServer server) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                .timeout(Duration.ofMillis(1500)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int upgrade(RunningServer server, String path) {
        try {
            HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + path), new WebSocket.Listener() {})
                    .join().abort();
            return 101;
        } catch (CompletionException e) {
            return ((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }
}
