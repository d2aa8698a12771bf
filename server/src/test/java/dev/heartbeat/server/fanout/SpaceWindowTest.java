package dev.heartbeat.server.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Who gets which bytes when a space's window ends. */
class SpaceWindowTest {
    private final FlushClock clock = new FlushClock(1000, 1); // the test ends windows itself
    private final List<Viewer> viewers = new ArrayList<>();
    private final SpaceWindow window = new SpaceWindow(this, () -> viewers, clock, FanoutStats.NONE);
    /** Every buffer written, to tell shared bytes from copies. */
    private final Map<Viewer, List<ByteBuffer>> written = new IdentityHashMap<>();

    @AfterEach
    void stop() {
        clock.close();
    }

    class Viewer extends Recipient implements FrameSink {
        final Outbox outbox = new Outbox(this, clock, FanoutStats.NONE, 64, 5_000);
        final List<String> frames = new ArrayList<>();

        @Override
        public Outbox outbox() {
            return outbox;
        }

        @Override
        public void send(ByteBuffer utf8, SendCallback callback) {
            written.computeIfAbsent(this, v -> new ArrayList<>()).add(utf8);
            frames.add(StandardCharsets.UTF_8.decode(utf8.duplicate()).toString());
            callback.sent();
        }

        @Override
        public void close(int code, String reason) {
            throw new AssertionError("closed " + code);
        }
    }

    private Viewer viewer() {
        Viewer viewer = new Viewer();
        viewers.add(viewer);
        return viewer;
    }

    private static byte[] event(String name) {
        return ("{\"type\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static String batch(String... names) {
        if (names.length == 1) return "{\"type\":\"" + names[0] + "\"}";
        StringBuilder frame = new StringBuilder("{\"type\":\"batch\",\"events\":[");
        for (int i = 0; i < names.length; i++) frame.append(i > 0 ? "," : "").append("{\"type\":\"").append(names[i]).append("\"}");
        return frame.append("]}").toString();
    }

    @Test
    void everyoneButTheSenderGetsTheSameBytesAndTheSenderGetsTheWindowWithoutItsPulse() {
        Viewer sender = viewer();
        Viewer a = viewer();
        Viewer b = viewer();
        synchronized (this) {
            window.toAll(event("join"), false, null);
            window.toAll(event("pulse"), true, sender);
            window.toAll(event("leave"), false, null);
        }
        window.flush();
        assertThat(a.frames).containsExactly(batch("join", "pulse", "leave"));
        assertThat(b.frames).containsExactly(batch("join", "pulse", "leave"));
        assertThat(sender.frames).containsExactly(batch("join", "leave"));
        assertThat(written.get(a).get(0).array()).as("one encoding for all").isSameAs(written.get(b).get(0).array());
    }

    @Test
    void aViewerWhoEnteredDuringTheWindowGetsOnlyWhatCameAfterItsWelcome() {
        Viewer early = viewer();
        Viewer late = viewer();
        synchronized (this) {
            window.toAll(event("join"), false, null);
            window.entered(late);
            window.toAll(event("pulse"), true, null);
        }
        window.flush();
        assertThat(early.frames).containsExactly(batch("join", "pulse"));
        assertThat(late.frames).containsExactly(batch("pulse"));
    }

    @Test
    void somethingForOneViewerAloneArrivesInItsPlaceAndOnlyThere() {
        Viewer told = viewer();
        Viewer other = viewer();
        synchronized (this) {
            window.toAll(event("leave"), false, null);
            window.toOne(told, event("status"));
            window.toAll(event("join"), false, null);
        }
        window.flush();
        assertThat(told.frames).containsExactly(batch("leave", "status", "join"));
        assertThat(other.frames).containsExactly(batch("leave", "join"));
    }

    @Test
    void aWindowWithOnlyPersonalEventsWritesOnlyToThoseViewers() {
        Viewer told = viewer();
        Viewer other = viewer();
        synchronized (this) {
            window.toOne(told, event("pong"));
        }
        window.flush();
        assertThat(told.frames).containsExactly(batch("pong"));
        assertThat(other.frames).isEmpty();
    }

    @Test
    void windowsFollowEachOtherAndAnEmptyWindowSendsNothing() {
        Viewer a = viewer();
        window.flush();
        assertThat(a.frames).isEmpty();
        synchronized (this) {
            window.toAll(event("one"), false, null);
        }
        window.flush();
        synchronized (this) {
            window.toAll(event("two"), false, null);
        }
        window.flush();
        assertThat(a.frames).containsExactly(batch("one"), batch("two"));
    }

    @Test
    void aViewerHeldForAResumeIsSkipped() {
        Viewer held = new Viewer() {
            @Override
            public Outbox outbox() {
                return null;
            }
        };
        viewers.add(held);
        Viewer present = viewer();
        synchronized (this) {
            window.toAll(event("pulse"), true, null);
            window.toOne(held, event("status"));
        }
        window.flush();
        assertThat(present.frames).containsExactly(batch("pulse"));
        assertThat(held.frames).isEmpty();
    }

    @Test
    void aWindowOpenedWhileTheLastIsWrittenStartsItsClockWhenTheWritesAreOut() throws InterruptedException {
        List<Viewer> audience = new ArrayList<>();
        java.util.concurrent.BlockingQueue<Long> lateWrittenAt = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.atomic.AtomicLong slowWriteDone = new java.util.concurrent.atomic.AtomicLong();
        try (FlushClock shortClock = new FlushClock(200, 1)) {
            SpaceWindow shortWindow = new SpaceWindow(this, () -> audience, shortClock, FanoutStats.NONE);
            audience.add(new Viewer() { // written first, at once
                @Override
                public void send(ByteBuffer utf8, SendCallback callback) {
                    if (StandardCharsets.UTF_8.decode(utf8.duplicate()).toString().equals(batch("late"))) {
                        lateWrittenAt.add(System.nanoTime());
                    }
                    callback.sent();
                }
            });
            audience.add(new Viewer() { // then a slow write, longer than the window, during which an event comes
                @Override
                public void send(ByteBuffer utf8, SendCallback callback) {
                    if (StandardCharsets.UTF_8.decode(utf8.duplicate()).toString().equals(batch("first"))) {
                        synchronized (SpaceWindowTest.this) {
                            shortWindow.toAll(event("late"), false, null);
                        }
                        sleepQuietly(300);
                        slowWriteDone.set(System.nanoTime());
                    }
                    callback.sent();
                }
            });
            synchronized (this) {
                shortWindow.toAll(event("first"), false, null);
            }
            Long late = lateWrittenAt.poll(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(late).as("the late event is written").isNotNull();
            assertThat((late - slowWriteDone.get()) / 1_000_000).as("ms from the end of the writes to the late frame")
                    .isGreaterThanOrEqualTo(199);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
