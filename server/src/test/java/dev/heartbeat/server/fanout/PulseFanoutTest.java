package dev.heartbeat.server.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.server.support.RunningServer;
import dev.heartbeat.server.support.TestViewer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PulseFanoutTest {
    private RunningServer server;
    private final List<TestViewer> viewers = new ArrayList<>();

    @AfterEach
    void stop() {
        viewers.forEach(TestViewer::close);
        if (server != null) server.close();
    }

    @Test
    void aPulseReachesEveryOtherViewerOnceInOrderButNeverItsSender() throws Exception {
        server = RunningServer.start(config -> config.capacity(2));
        for (int i = 0; i < 4; i++) viewers.add(TestViewer.join(server.ws("fan")));
        TestViewer sender = viewers.get(0);
        for (int i = 0; i < 5; i++) {
            sender.send("{\"type\":\"pulse\",\"strength\":" + (0.1 * (i + 1)) + "}");
        }
        for (TestViewer receiver : viewers.subList(1, 4)) {
            for (int i = 0; i < 5; i++) {
                Pulse pulse = receiver.next(Pulse.class);
                assertThat(pulse.id()).isEqualTo(sender.id());
                assertThat(pulse.strength()).isCloseTo(0.1 * (i + 1), org.assertj.core.api.Assertions.within(1e-9));
            }
        }
        // A ping round trip flushes whatever could still be in flight to the sender.
        sender.send("{\"type\":\"ping\",\"t\":1}");
        sender.next(dev.heartbeat.protocol.message.Pong.class);
        Thread.sleep(100);
        assertThat(sender.received(Pulse.class)).isEmpty();
        for (TestViewer receiver : viewers.subList(1, 4)) assertThat(receiver.received(Pulse.class)).hasSize(5);
        // Waiting viewers (3 and 4 here) watch too.
        assertThat(viewers.get(3).welcome().status().wire()).isEqualTo("waiting");
    }

    @Test
    void eventsInsideOneWindowTravelAsOneBatchFrame() throws Exception {
        server = RunningServer.start(config -> config.capacity(2).batchMs(300));
        TestViewer sender = TestViewer.join(server.ws("batch"));
        TestViewer receiver = TestViewer.join(server.ws("batch"));
        viewers.add(sender);
        viewers.add(receiver);
        Thread.sleep(700); // let the join and welcome frames go out first
        int framesBefore = receiver.framesReceived();
        for (int i = 0; i < 4; i++) sender.pulse();
        for (int i = 0; i < 4; i++) receiver.next(Pulse.class);
        assertThat(receiver.framesReceived() - framesBefore).isEqualTo(1);
    }

    @Test
    void theWelcomeIsAlwaysAFrameOfItsOwnEvenWhenEventsFollowAtOnce() throws Exception {
        server = RunningServer.start(config -> config.capacity(1).batchMs(300));
        TestViewer pulsing = TestViewer.join(server.ws("first"));
        viewers.add(pulsing);
        ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        pace.scheduleAtFixedRate(pulsing::pulse, 0, 120, TimeUnit.MILLISECONDS);
        try {
            for (int i = 0; i < 6; i++) {
                TestViewer newcomer = TestViewer.connect(server.ws("first"));
                viewers.add(newcomer);
                // A welcome batched with the pulses of its first window would not decode as a welcome.
                assertThat(newcomer.welcome().status().wire()).isEqualTo("waiting");
                assertThat(newcomer.next(Pulse.class).id()).isEqualTo(pulsing.id());
            }
        } finally {
            pace.shutdownNow();
        }
    }

    @Test
    void withoutBatchingEachEventIsItsOwnFrame() throws Exception {
        server = RunningServer.start(config -> config.capacity(2).batchMs(0));
        TestViewer sender = TestViewer.join(server.ws("nobatch"));
        TestViewer receiver = TestViewer.join(server.ws("nobatch"));
        viewers.add(sender);
        viewers.add(receiver);
        Thread.sleep(200);
        int framesBefore = receiver.framesReceived();
        for (int i = 0; i < 3; i++) {
            sender.pulse();
            receiver.next(Pulse.class);
        }
        assertThat(receiver.framesReceived() - framesBefore).isEqualTo(3);
    }
}
