package dev.heartbeat.server.space;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.protocol.codec.Decoded;
import dev.heartbeat.protocol.codec.ProtocolCodec;
import dev.heartbeat.protocol.message.Batch;
import dev.heartbeat.protocol.message.Limits;
import dev.heartbeat.protocol.message.MemberStatus;
import dev.heartbeat.protocol.message.ServerMessage;
import dev.heartbeat.protocol.message.StatusChange;
import dev.heartbeat.protocol.message.WaitingCount;
import dev.heartbeat.protocol.message.Welcome;
import dev.heartbeat.server.fanout.FanoutStats;
import dev.heartbeat.server.fanout.FlushClock;
import dev.heartbeat.server.fanout.Frame;
import dev.heartbeat.server.fanout.FrameSink;
import dev.heartbeat.server.fanout.Outbox;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A popular space, the normal case: 5 lines and 20,000 waiting. Positions and promotion stay exact,
 * and the queue's state reaches each viewer coalesced instead of once per join.
 */
class TwentyThousandWaitingTest {
    private static final int CAPACITY = 5;
    private static final int WAITING = 20_000;
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final ResumeTokens tokens = new ResumeTokens(ResumeTokens.newSecret());
    private final FlushClock flushClock = new FlushClock(16);
    private final LocalSpaces spaces = new LocalSpaces(new SpaceSettings(CAPACITY, 30_000, Duration.ofSeconds(15),
            new Limits(16, 10, 1024), CODEC, SpaceObserver.NONE, Clock.systemUTC(), timers, flushClock, FanoutStats.NONE), 10);

    @AfterEach
    void stop() {
        flushClock.close();
        timers.shutdownNow();
    }

    /** One viewer's connection: its sends complete at once, and it keeps what it was told. */
    static final class Seat implements FrameSink {
        final List<ServerMessage> received = new ArrayList<>();
        Outbox outbox;
        Viewer viewer;
        Space space;

        @Override
        public synchronized void send(ByteBuffer utf8, SendCallback callback) {
            ServerMessage message = ((Decoded.Ok<ServerMessage>) CODEC.decodeServer(StandardCharsets.UTF_8.decode(utf8).toString())).message();
            if (message instanceof Batch batch) received.addAll(batch.events());
            else received.add(message);
            callback.sent();
        }

        @Override
        public void close(int code, String reason) {
            throw new AssertionError("closed with " + code + ": " + reason);
        }

        synchronized <T> List<T> all(Class<T> type) {
            return received.stream().filter(type::isInstance).map(type::cast).toList();
        }

        synchronized <T> T last(Class<T> type) {
            List<T> all = all(type);
            return all.isEmpty() ? null : all.get(all.size() - 1);
        }

        synchronized Welcome welcome() {
            return received.isEmpty() ? null : (Welcome) received.get(0);
        }
    }

    @Test
    void positionsAndPromotionStayExactAndTheQueueIsToldAtMostOnceASecond() throws Exception {
        List<Seat> seats = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < CAPACITY + WAITING; i++) {
            Seat seat = new Seat();
            seat.outbox = new Outbox(seat, flushClock, FanoutStats.NONE, 512, 5_000);
            Arrival.Entered entered = (Arrival.Entered) spaces.enter("popular", tokens.issue(), "v" + i, seat.outbox);
            seat.viewer = entered.viewer();
            seat.space = entered.space();
            seat.outbox.sendFirst(Frame.alone(CODEC.encodeBytes(entered.welcome())));
            seats.add(seat);
        }
        awaitUntil(() -> seats.stream().allMatch(seat -> seat.welcome() != null));
        for (int i = 0; i < seats.size(); i++) {
            Welcome welcome = seats.get(i).welcome();
            assertThat(welcome.status()).isEqualTo(i < CAPACITY ? MemberStatus.ACTIVE : MemberStatus.WAITING);
            assertThat(welcome.position()).isEqualTo(i < CAPACITY ? 0 : i - CAPACITY + 1);
        }

        // Three lines free up and 200 of those waiting give up.
        List<Seat> waiting = new ArrayList<>(seats.subList(CAPACITY, seats.size()));
        Random random = new Random(7);
        List<Seat> gaveUp = new ArrayList<>();
        for (int i = 0; i < 200; i++) gaveUp.add(waiting.remove(3 + random.nextInt(waiting.size() - 3)));
        long leaving = System.nanoTime();
        for (int i = 0; i < 3; i++) depart(seats.get(i));
        gaveUp.forEach(TwentyThousandWaitingTest::depart);

        List<Seat> promoted = waiting.subList(0, 3);
        List<Seat> stillWaiting = waiting.subList(3, waiting.size());
        awaitUntil(() -> {
            for (int i = 0; i < stillWaiting.size(); i++) {
                StatusChange last = stillWaiting.get(i).last(StatusChange.class);
                if (last == null || last.position() != i + 1) return false;
            }
            return true;
        });
        for (int i = 0; i < stillWaiting.size(); i++) {
            Seat seat = stillWaiting.get(i);
            StatusChange last = seat.last(StatusChange.class);
            assertThat(last).isEqualTo(new StatusChange(MemberStatus.WAITING, i + 1));
        }
        for (Seat seat : promoted) {
            assertThat(seat.all(StatusChange.class)).last().isEqualTo(new StatusChange(MemberStatus.ACTIVE, 0));
            assertThat(seat.viewer.isActive()).isTrue();
        }
        int expectedCount = stillWaiting.size();
        awaitUntil(() -> seats.get(3).last(WaitingCount.class) != null && seats.get(3).last(WaitingCount.class).count() == expectedCount);
        double seconds = (System.nanoTime() - started) / 1e9;

        // Coalesced: one queue length and one position a second at most, not one per join or leave.
        int mostCounts = (int) Math.ceil(seconds) + 1;
        for (Seat seat : seats) assertThat(seat.all(WaitingCount.class).size()).isLessThanOrEqualTo(mostCounts);
        int mostPositions = (int) Math.ceil((System.nanoTime() - leaving) / 1e9) + 1;
        for (Seat seat : stillWaiting) assertThat(seat.all(StatusChange.class).size()).isLessThanOrEqualTo(mostPositions);
    }

    private static void depart(Seat seat) {
        seat.space.depart(seat.viewer, seat.outbox, Departure.CLOSED);
        seat.outbox.detach();
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not reached within 20 s");
            Thread.sleep(20);
        }
    }
}
