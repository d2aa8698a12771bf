package dev.heartbeat.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.server.support.ServerProcess;
import dev.heartbeat.server.support.TestViewer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class GracefulShutdownTest {
    @Test
    void sigtermClosesEverySocketWith1001DeliversWhatWasQueuedAndExitsZero() throws Exception {
        try (ServerProcess server = ServerProcess.start("--host", "127.0.0.1", "--port", "0", "--batch-ms", "1000",
                "--no-record")) {
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/ws/lobby");
            TestViewer sender = TestViewer.join(uri);
            TestViewer receiver = TestViewer.join(uri);
            Thread.sleep(1200); // the joins have gone out
            sender.pulse();
            awaitPulseAccepted(server.port()); // now queued on the receiver, inside its 1 s window

            server.process().toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output

            assertThat(receiver.awaitClose()).isEqualTo(1001);
            assertThat(sender.awaitClose()).isEqualTo(1001);
            assertThat(receiver.received(Pulse.class)).hasSize(1);
            assertThat(server.awaitExit()).isZero();
            assertThat(server.output()).as("server output").anyMatch(line -> line.contains("stopped"));
        }
    }

    private static void awaitPulseAccepted(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
        long deadline = System.currentTimeMillis() + 5_000;
        while (!http.send(metrics, HttpResponse.BodyHandlers.ofString()).body()
                .contains("heartbeat_events_in_total{type=\"pulse\"} 1.0")) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("the server never counted the pulse");
            Thread.sleep(5);
        }
    }
}
