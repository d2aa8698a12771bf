package dev.heartbeat.server.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.server.support.RunningServer;
import dev.heartbeat.server.support.TestViewer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** 200 real connections, 20 of them pulsing for 10 s: every pulse reaches every other viewer exactly once, in order. */
@Tag("stress")
class StressTest {
    private static final int VIEWERS = 200;
    private static final int PULSING = 20;
    private static final int PULSES_EACH = 50; // 5 a second for 10 s, under the rate limit

    @Test
    void everyExpectedPulseIsDeliveredExactlyOnceAndInOrder() throws Exception {
        try (RunningServer server = RunningServer.start(config -> config.capacity(PULSING))) {
            List<TestViewer> viewers = new ArrayList<>();
            try {
                for (int i = 0; i < VIEWERS; i++) viewers.add(TestViewer.join(server.ws("stress")));
                List<TestViewer> senders = viewers.subList(0, PULSING);
                ScheduledExecutorService pace = Executors.newScheduledThreadPool(2);
                for (int s = 0; s < PULSING; s++) {
                    TestViewer sender = senders.get(s);
                    int[] sent = {0};
                    pace.scheduleAtFixedRate(() -> {
                        if (sent[0] < PULSES_EACH) {
                            sender.send("{\"type\":\"pulse\",\"strength\":" + ((sent[0] % 100) + 1) / 100.0 + "}");
                            sent[0]++;
                        }
                    }, s * 10L, 200, TimeUnit.MILLISECONDS);
                }
                Thread.sleep(10_500);
                pace.shutdown();
                awaitDeliveries(viewers, senders);

                for (TestViewer viewer : viewers) {
                    Map<String, List<Double>> bySender = new HashMap<>();
                    for (Pulse pulse : viewer.received(Pulse.class)) {
                        bySender.computeIfAbsent(pulse.id(), k -> new ArrayList<>()).add(pulse.strength());
                    }
                    assertThat(bySender).doesNotContainKey(viewer.id());
                    for (TestViewer sender : senders) {
                        if (sender == viewer) continue;
                        List<Double> strengths = bySender.get(sender.id());
                        assertThat(strengths).as("pulses from " + sender.id() + " at " + viewer.id()).hasSize(PULSES_EACH);
                        for (int i = 0; i < PULSES_EACH; i++) {
                            assertThat(strengths.get(i)).isEqualTo(((i % 100) + 1) / 100.0);
                        }
                    }
                }
            } finally {
                viewers.forEach(TestViewer::close);
            }
        }
    }

    private static void awaitDeliveries(List<TestViewer> viewers, List<TestViewer> senders) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        for (TestViewer viewer : viewers) {
            int expected = (senders.contains(viewer) ? PULSING - 1 : PULSING) * PULSES_EACH;
            while (viewer.received(Pulse.class).size() < expected && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
        }
    }
}
