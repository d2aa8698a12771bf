package dev.heartbeat.server.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbox's policy, against a connection whose sends complete only when the test says so. */
class OutboxTest {
    private final FlushClock clock = new FlushClock(0);
    private final HeldSink sink = new HeldSink();
    private final AtomicInteger dropped = new AtomicInteger();
    private final FanoutStats stats = new FanoutStats() {
        @Override
        public void pulseDropped() {
            dropped.incrementAndGet();
        }
    };

    @AfterEach
    void stop() {
        clock.close();
    }

    /** Records frames; each send stays in flight until {@link #complete()}. */
    static final class HeldSink implements FrameSink {
        final List<String> frames = new ArrayList<>();
        SendCallback inFlight;
        int closeCode;
        int sendsWhileInFlight;

        @Override
        public synchronized void sendText(String frame, SendCallback callback) {
            if (inFlight != null) sendsWhileInFlight++;
            frames.add(frame);
            inFlight = callback;
        }

        @Override
        public synchronized void close(int code, String reason) {
            closeCode = code;
        }

        void complete() {
            SendCallback callback;
            synchronized (this) {
                callback = inFlight;
                inFlight = null;
            }
            callback.sent();
        }
    }

    private static String pulse(int n) {
        return "{\"type\":\"pulse\",\"id\":\"a\",\"strength\":1,\"at\":" + n + "}";
    }

    @Test
    void neverSendsWhileASendIsInFlightAndBatchesWhatPiledUp() throws Exception {
        Outbox outbox = new Outbox(sink, clock, stats, 64, 5_000);
        outbox.offer(pulse(1), true);
        outbox.offer(pulse(2), true);
        outbox.offer("{\"type\":\"waiting\",\"count\":1}", false);
        assertThat(sink.frames).containsExactly(pulse(1));
        sink.complete();
        Thread.sleep(50); // the clock picks up the backlog
        assertThat(sink.frames).hasSize(2);
        assertThat(sink.frames.get(1)).isEqualTo(
                "{\"type\":\"batch\",\"events\":[" + pulse(2) + ",{\"type\":\"waiting\",\"count\":1}]}");
        assertThat(sink.sendsWhileInFlight).isZero();
    }

    @Test
    void aSlowConsumerLosesOnlyPulses() throws Exception {
        Outbox outbox = new Outbox(sink, clock, stats, 16, 60_000);
        outbox.offer(pulse(0), true); // in flight, never completed yet
        for (int i = 1; i <= 40; i++) outbox.offer(pulse(i), true);
        outbox.offer("{\"type\":\"leave\",\"id\":\"b\",\"reason\":\"closed\"}", false);
        assertThat(dropped.get()).isEqualTo(40 - 16);
        assertThat(outbox.pendingCount()).isEqualTo(17);
        sink.complete();
        Thread.sleep(50);
        assertThat(sink.frames.get(1)).contains("\"leave\"").contains("\"at\":16").doesNotContain("\"at\":17");
        assertThat(sink.closeCode).isZero();
    }

    @Test
    void aConsumerThatKeepsDroppingIsClosedWith1013() throws Exception {
        Outbox outbox = new Outbox(sink, clock, stats, 16, 100);
        for (int i = 0; i < 20; i++) outbox.offer(pulse(i), true);
        Thread.sleep(150);
        outbox.offer(pulse(99), true);
        assertThat(sink.closeCode).isEqualTo(1013);
        assertThat(outbox.isClosed()).isTrue();
    }

    @Test
    void eventsThatMustArriveCloseTheConnectionRatherThanBeDropped() {
        Outbox outbox = new Outbox(sink, clock, stats, 16, 60_000);
        for (int i = 0; i < 40; i++) outbox.offer("{\"type\":\"waiting\",\"count\":" + i + "}", false);
        assertThat(sink.closeCode).isEqualTo(1013);
        assertThat(dropped.get()).isZero();
    }

    @Test
    void closeAfterFlushSendsWhatIsPendingFirst() {
        Outbox outbox = new Outbox(sink, clock, stats, 16, 60_000);
        outbox.offer(pulse(1), true);
        outbox.offer(pulse(2), true);
        outbox.closeAfterFlush(1001, "bye");
        assertThat(sink.closeCode).isZero();
        sink.complete();
        assertThat(sink.frames).hasSize(2);
        sink.complete();
        assertThat(sink.closeCode).isEqualTo(1001);
    }
}
