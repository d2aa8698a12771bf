package dev.heartbeat.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.server.support.ServerProcess;
import dev.heartbeat.server.support.TestViewer;
import java.net.URI;
import org.junit.jupiter.api.Test;

class GracefulShutdownTest {
    @Test
    void sigtermClosesEverySocketWith1001DeliversWhatWasQueuedAndExitsZero() throws Exception {
        try (ServerProcess server = ServerProcess.start("--host", "127.0.0.1", "--port", "0", "--batch-ms", "200")) {
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/ws/lobby");
            TestViewer sender = TestViewer.join(uri);
            TestViewer receiver = TestViewer.join(uri);
            Thread.sleep(300);
            sender.pulse();
            Thread.sleep(50); // the pulse is now queued on the receiver, inside its 200 ms window

            server.process().toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output

            assertThat(receiver.awaitClose()).isEqualTo(1001);
            assertThat(sender.awaitClose()).isEqualTo(1001);
            assertThat(receiver.received(Pulse.class)).hasSize(1);
            assertThat(server.awaitExit()).isZero();
            assertThat(server.output()).as("server output").anyMatch(line -> line.contains("stopped"));
        }
    }
}
