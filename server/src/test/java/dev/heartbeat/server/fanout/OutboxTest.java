package dev.heartbeat.server.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbox's policy, against a connection whose sends complete only when the test says so. */
class OutboxTest {
    private final FlushClock clock = new FlushClock(0, 1);
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
        volatile int closeCode;
        int sendsWhileInFlight;
        String sendingThread;

        @Override
        public synchronized void sendText(String frame, SendCallback callback) {
            if (inFlight != null) sendsWhileInFlight++;
            frames.add(frame);
            inFlight = callback;
            sendingThread = Thread.currentThread().getName();
        }

        @Override
        public void close(int code, String reason) {
            closeCode = code;
        }

        synchronized int frameCount() {
            return frames.size();
        }

        synchronized String frame(int i) {
            return frames.get(i);
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

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 2_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("condition not met in time");
            Thread.sleep(1);
        }
    }

    @Test
    void sendsOnTheClocksThreadNeverTwiceAtOnceAndBatchesWhatPiledUp() throws Exception {
        Outbox outbox = new Outbox(sink, clock, stats, 64, 5_000);
        outbox.offer(pulse(1), true);
        await(() -> sink.frameCount() == 1);
        outbox.offer(pulse(2), true);
        outbox.offer("{\"type\":\"leave\",\"id\":\"b\",\"reason\":\"closed\"}", false);
        Thread.sleep(20);
        assertThat(sink.frameCount()).isEqualTo(1);
        sink.complete();
        await(() -> sink.frameCount() == 2);
        assertThat(sink.frame(1)).isEqualTo(
                "{\"type\":\"batch\",\"events\":[" + pulse(2) + ",{\"type\":\"leave\",\"id\":\"b\",\"reason\":\"closed\"}]}");
        assertThat(sink.sendsWhileInFlight).isZero();
        assertThat(sink.sendingThread).startsWith("heartbeat-flush");
    }

    @Test
    void theWelcomeGoesAloneAndFirst() throws Exception {
        Outbox outbox = new Outbox(sink, clock, stats, 64, 5_000);
        outbox.sendFirst("{\"type\":\"welcome\"}");
        outbox.offer(pulse(1), true);
        await(() -> sink.frameCount() == 1);
        assertThat(sink.frame(0)).isEqualTo("{\"type\":\"welcome\"}");
        sink.complete();
        await(() -> sink.frameCount() == 2);
        assertThat(sink.frame(1)).isEqualTo(pulse(1));
    }

    @Test
    void aNewerQueueLengthOrPositionReplacesOneNotYetSent() throws Exception {
        Outbox outbox = new Outbox(sink, clock, stats, 64, 5_000);
        outbox.offer(pulse(0), true);
        await(() -> sink.frameCount() == 1);
        outbox.offerLatest(Outbox.Latest.WAITING, "{\"type\":\"waiting\",\"count\":1}");
        outbox.offer(pulse(1), true);
        outbox.offerLatest(Outbox.Latest.WAITING, "{\"type\":\"waiting\",\"count\":2}");
        outbox.offerLatest(Outbox.Latest.STATUS, "{\"type\":\"status\",\"status\":\"waiting\",\"position\":3}");
        outbox.offerLatest(Outbox.Latest.WAITING, "{\"type\":\"waiting\",\"count\":3}");
        outbox.offerLatest(Outbox.Latest.STATUS, "{\"type\":\"status\",\"status\":\"waiting\",\"position\":2}");
        assertThat(outbox.pendingCount()).isEqualTo(3);
        sink.complete();
        await(() -> sink.frameCount() == 2);
        assertThat(sink.frame(1)).isEqualTo("{\"type\":\"batch\",\"events\":[{\"type\":\"waiting\",\"count\":3}," + pulse(1)
                + ",{\"type\":\"status\",\"status\":\"waiting\",\"position\":2}]}");
        sink.complete();
        outbox.offerLatest(Outbox.Latest.WAITING, "{\"type\":\"waiting\",\"count\":4}");
        await(() -> sink.frameCount() == 3); // once sent, a new value is queued anew
        assertThat(sink.frame(2)).isEqualTo("{\"type\":\"waiting\",\"count\":4}");
    }

    @Test
    void aSlowConsumerLosesOnlyPulses() throws Exception {
        Outbox outbox = new Outbox(sink, clock, stats, 16, 60_000);
        outbox.offer(pulse(0), true);
        await(() -> sink.frameCount() == 1); // in flight, not completed yet
        for (int i = 1; i <= 40; i++) outbox.offer(pulse(i), true);
        outbox.offer("{\"type\":\"leave\",\"id\":\"b\",\"reason\":\"closed\"}", false);
        assertThat(dropped.get()).isEqualTo(40 - 16);
        assertThat(outbox.pendingCount()).isEqualTo(17);
        sink.complete();
        await(() -> sink.frameCount() == 2);
        assertThat(sink.frame(1)).contains("\"leave\"").contains("\"at\":16").doesNotContain("\"at\":17");
        assertThat(sink.closeCode).isZero();
    }

    @Test
    void aConsumerThatKeepsDroppingIsClosedWith1013() throws Exception {
        Outbox outbox = new Outbox(sink, clock, stats, 16, 100);
        outbox.offer(pulse(0), true);
        await(() -> sink.frameCount() == 1);
        for (int i = 1; i < 20; i++) outbox.offer(pulse(i), true);
        Thread.sleep(150);
        outbox.offer(pulse(99), true);
        assertThat(sink.closeCode).isEqualTo(1013);
        assertThat(outbox.isClosed()).isTrue();
    }

    @Test
    void eventsThatMustArriveCloseTheConnectionRatherThanBeDropped() throws Exception {
        Outbox outbox = new Outbox(sink, clock, stats, 16, 60_000);
        outbox.offer(pulse(0), true);
        await(() -> sink.frameCount() == 1);
        for (int i = 0; i < 40; i++) outbox.offer("{\"type\":\"leave\",\"id\":\"m" + i + "\",\"reason\":\"closed\"}", false);
        assertThat(sink.closeCode).isEqualTo(1013);
        assertThat(dropped.get()).isZero();
    }

    @Test
    void closeAfterFlushSendsWhatIsPendingFirst() throws Exception {
        Outbox outbox = new Outbox(sink, clock, stats, 16, 60_000);
        outbox.offer(pulse(1), true);
        await(() -> sink.frameCount() == 1);
        outbox.offer(pulse(2), true);
        outbox.closeAfterFlush(1001, "bye");
        Thread.sleep(20);
        assertThat(sink.closeCode).isZero();
        sink.complete();
        await(() -> sink.frameCount() == 2);
        sink.complete();
        await(() -> sink.closeCode == 1001);
    }
}
