package dev.heartbeat.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.protocol.message.Leave;
import dev.heartbeat.protocol.message.LeaveReason;
import dev.heartbeat.server.support.RunningServer;
import dev.heartbeat.server.support.TestViewer;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.Test;

class KeepaliveTest {
    /** A client that counts the server's pings and, when told to, never answers them. */
    static final class PingCounter extends WebSocketClient {
        final AtomicInteger pings = new AtomicInteger();
        final CountDownLatch closed = new CountDownLatch(1);
        final boolean answer;
        volatile int closeCode;

        PingCounter(URI uri, boolean answer) {
            super(uri);
            this.answer = answer;
            setConnectionLostTimeout(0);
        }

        @Override
        public void onWebsocketPing(WebSocket conn, Framedata frame) {
            pings.incrementAndGet();
            if (answer) super.onWebsocketPing(conn, frame);
        }

        @Override public void onOpen(ServerHandshake handshake) {}
        @Override public void onMessage(String message) {}
        @Override public void onClose(int code, String reason, boolean remote) {
            closeCode = code;
            closed.countDown();
        }
        @Override public void onError(Exception ex) {}
    }

    @Test
    void theServerPingsAndKeepsAViewerThatAnswersButClosesOneThatStaysSilent() throws Exception {
        try (RunningServer server = RunningServer.start(config -> config
                .pingInterval(Duration.ofMillis(300)).idleTimeout(Duration.ofMillis(1200))
                .resumeGrace(Duration.ofMillis(200)))) {
            TestViewer watcher = TestViewer.join(server.ws("keepalive"));
            PingCounter answering = new PingCounter(server.ws("keepalive"), true);
            PingCounter silent = new PingCounter(server.ws("keepalive"), false);
            try {
                assertThat(answering.connectBlocking(5, TimeUnit.SECONDS)).isTrue();
                assertThat(silent.connectBlocking(5, TimeUnit.SECONDS)).isTrue();

                assertThat(silent.closed.await(5, TimeUnit.SECONDS)).as("silent client closed").isTrue();
                assertThat(silent.pings.get()).isGreaterThanOrEqualTo(2);
                // The silent viewer's line goes once its resume grace has passed.
                assertThat(watcher.next(Leave.class).reason()).isEqualTo(LeaveReason.TIMEOUT);

                Thread.sleep(1500);
                assertThat(answering.isOpen()).as("a client that answers pings stays").isTrue();
                assertThat(answering.pings.get()).isGreaterThanOrEqualTo(5);
            } finally {
                answering.close();
                silent.close();
                watcher.close();
            }
        }
    }
}
