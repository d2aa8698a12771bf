package dev.heartbeat.server.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
        public void pulsesDropped(int count) {
            dropped.addAndGet(count);
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
        public synchronized void send(ByteBuffer utf8, SendCallback callback) {
            if (inFlight != null) sendsWhileInFlight++;
            frames.add(StandardCharsets.UTF_8.decode(utf8).toString());
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

    private static final String LEAVE = "{\"type\":\"leave\",\"id\":\"b\",\"reason\":\"closed\"}";

    private static byte[] utf8(String event) {
        return event.getBytes(StandardCharsets.UTF_8);
    }

    private static Frame pulses(int... n) {
        Frame.Builder frame = new Frame.Builder();
        for (int i : n) frame.add(utf8(pulse(i)), true);
        return frame.build();
    }

    private static Frame leave() {
        return Frame.of(utf8(LEAVE));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 2_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("condition not met in time");
            Thread.sleep(1);
        }
    }

    @Test
    void writesAtOnceWhenIdleNeverTwiceAtOnceAndMergesWhatPiledUpIntoOneFrame() throws Exception {
        Outbox outbox = new Outbox(sink, clock, stats, 64, 5_000);
        outbox.offer(pulses(1));
        assertThat(sink.frameCount()).as("written on the offering thread").isEqualTo(1);
        outbox.offer(pulses(2));
        outbox.offer(leave());
        Thread.sleep(20);
        assertThat(sink.frameCount()).isEqualTo(1);
        sink.complete();
        await(() -> sink.frameCount() == 2);
        assertThat(sink.frame(1)).isEqualTo("{\"type\":\"batch\",\"events\":[" + pulse(2) + "," + LEAVE + "]}");
        assertThat(sink.sendsWhileInFlight).isZero();
        assertThat(sink.sendingThread).as("a backlog goes out when its window ends").startsWith("heartbeat-flush");
    }

    @Test
    void theWelcomeGoesAloneAndFirst() throws Exception {
        Outbox outbox = new Outbox(sink, clock, stats, 64, 5_000);
        outbox.sendFirst(Frame.alone(utf8("{\"type\":\"welcome\"}")));
        outbox.offer(pulses(1));
        await(() -> sink.frameCount() == 1);
        assertThat(sink.frame(0)).isEqualTo("{\"type\":\"welcome\"}");
        sink.complete();
        await(() -> sink.frameCount() == 2);
        assertThat(sink.frame(1)).isEqualTo(pulse(1));
    }

    @Test
    void framesOfferedBeforeTheWelcomeArrivesWaitBehindIt() throws Exception {
        Outbox outbox = new Outbox(sink, clock, stats, 64, 5_000);
        outbox.expectWelcome();
        outbox.offer(pulses(1));
        Thread.sleep(20);
        assertThat(sink.frameCount()).isZero();
        outbox.sendFirst(Frame.alone(utf8("{\"type\":\"welcome\"}")));
        assertThat(sink.frame(0)).isEqualTo("{\"type\":\"welcome\"}");
        sink.complete();
        await(() -> sink.frameCount() == 2);
        assertThat(sink.frame(1)).isEqualTo(pulse(1));
    }

    @Test
    void aSlowConsumerLosesOnlyPulses() throws Exception {
        Outbox outbox = new Outbox(sink, clock, stats, 16, 60_000);
        outbox.offer(pulses(0)); // in flight, not completed yet
        for (int i = 1; i <= 40; i++) outbox.offer(pulses(i));
        Frame mixed = new Frame.Builder().add(utf8(pulse(41)), true).add(utf8(LEAVE), false).build();
        outbox.offer(mixed);
        assertThat(dropped.get()).isEqualTo(40 - 16 + 1);
        assertThat(outbox.pendingCount()).isEqualTo(17);
        sink.complete();
        await(() -> sink.frameCount() == 2);
        assertThat(sink.frame(1)).contains("\"leave\"").contains("\"at\":16").doesNotContain("\"at\":17")
                .doesNotContain("\"at\":41");
        assertThat(sink.closeCode).isZero();
    }

    @Test
    void aConsumerThatKeepsDroppingIsClosedWith1013() throws Exception {
        Outbox outbox = new Outbox(sink, clock, stats, 16, 100);
        outbox.offer(pulses(0));
        for (int i = 1; i < 20; i++) outbox.offer(pulses(i));
        Thread.sleep(150);
        outbox.offer(pulses(99));
        assertThat(sink.closeCode).isEqualTo(1013);
        assertThat(outbox.isClosed()).isTrue();
    }

    @Test
    void eventsThatMustArriveCloseTheConnectionRatherThanBeDropped() {
        Outbox outbox = new Outbox(sink, clock, stats, 16, 60_000);
        outbox.offer(pulses(0));
        for (int i = 0; i < 40; i++) outbox.offer(leave());
        assertThat(sink.closeCode).isEqualTo(1013);
        assertThat(dropped.get()).isZero();
    }

    @Test
    void aBacklogIsMergedInFramesOfAtMostTheLimit() throws Exception {
        Outbox outbox = new Outbox(sink, clock, stats, 1024, 60_000);
        outbox.offer(pulses(0));
        for (int i = 1; i <= 300; i++) outbox.offer(pulses(i));
        sink.complete();
        await(() -> sink.frameCount() == 2);
        assertThat(sink.frame(1).split("\"type\":\"pulse\"", -1)).hasSize(Outbox.MAX_EVENTS_PER_FRAME + 1);
        sink.complete();
        await(() -> sink.frameCount() == 3);
        assertThat(sink.frame(2)).contains("\"at\":300").doesNotContain("\"at\":256}");
    }

    @Test
    void closeAfterFlushSendsWhatIsPendingFirst() throws Exception {
        Outbox outbox = new Outbox(sink, clock, stats, 16, 60_000);
        outbox.offer(pulses(1));
        outbox.offer(pulses(2));
        outbox.closeAfterFlush(1001, "bye");
        Thread.sleep(20);
        assertThat(sink.closeCode).isZero();
        sink.complete();
        await(() -> sink.frameCount() == 2);
        sink.complete();
        await(() -> sink.closeCode == 1001);
    }
}
