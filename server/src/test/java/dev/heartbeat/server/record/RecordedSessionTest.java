package dev.heartbeat.server.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.protocol.message.Join;
import dev.heartbeat.protocol.message.Leave;
import dev.heartbeat.protocol.message.MemberStatus;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.protocol.message.ServerEvent;
import dev.heartbeat.protocol.message.StatusChange;
import dev.heartbeat.protocol.message.WaitingCount;
import dev.heartbeat.protocol.recording.RecordingEntry;
import dev.heartbeat.protocol.recording.TimedEvent;
import dev.heartbeat.protocol.recording.Timeline;
import dev.heartbeat.server.HeartbeatServer;
import dev.heartbeat.server.config.ServerConfig;
import dev.heartbeat.server.space.SpaceObserver;
import dev.heartbeat.server.support.TestViewer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scripted session of real clients on a real server, recorded and read back. */
class RecordedSessionTest {
    @TempDir Path dir;

    /** What the space broadcast, as the recorder saw it. */
    private static final class Broadcasts implements SpaceObserver {
        final List<ServerEvent> events = new CopyOnWriteArrayList<>();
        final List<Long> times = new CopyOnWriteArrayList<>();
        volatile long openedAt = -1;
        volatile long closedAt = -1;

        @Override
        public void spaceOpened(String space, int capacity, long serverTime) {
            openedAt = serverTime;
        }

        @Override
        public void broadcast(String space, ServerEvent event, String encoded, long serverTime) {
            events.add(event);
            times.add(serverTime);
        }

        @Override
        public void spaceClosed(String space, long serverTime) {
            closedAt = serverTime;
        }
    }

    @Test
    void replayingARecordedSessionYieldsTheSameEventsInOrderAtTheSameRelativeTimes() throws Exception {
        SpaceRecorder recorder = new SpaceRecorder(RecordingSettings.of(dir).withMinFreeBytes(0), new SimpleMeterRegistry());
        Broadcasts broadcasts = new Broadcasts();
        // This test brings its own recorder, to see every line next to every broadcast.
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).capacity(2).record(false).build();
        try (HeartbeatServer server = new HeartbeatServer(config, SpaceObserver.both(recorder, broadcasts)).start()) {
            URI lobby = URI.create("ws://127.0.0.1:" + server.port() + "/ws/lobby?name=");
            TestViewer ada = TestViewer.join(URI.create(lobby + "Ada"));
            TestViewer bo = TestViewer.join(URI.create(lobby + "Bo"));
            ada.next(Join.class, join -> join.member().id().equals(bo.id()));
            TestViewer cy = TestViewer.join(URI.create(lobby + "Cy"));
            assertThat(cy.welcome().status()).isEqualTo(MemberStatus.WAITING);
            for (int i = 0; i < 3; i++) {
                ada.pulse();
                bo.next(Pulse.class);
                Thread.sleep(120);
            }
            bo.pulse();
            ada.next(Pulse.class);
            ada.close();
            cy.next(StatusChange.class, status -> status.status() == MemberStatus.ACTIVE);
            Thread.sleep(150);
            cy.pulse();
            bo.next(Pulse.class, pulse -> pulse.id().equals(cy.id()));
            bo.close();
            cy.next(Leave.class, leave -> leave.id().equals(bo.id()));
            cy.close();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (broadcasts.closedAt < 0 && System.nanoTime() < deadline) Thread.sleep(20);
        }
        recorder.close();

        assertThat(broadcasts.closedAt).as("the space emptied and closed").isPositive();
        List<Path> files;
        try (var listing = Files.list(dir)) {
            files = listing.toList();
        }
        assertThat(files).hasSize(1);
        Timeline timeline = Timeline.load(files.get(0));
        assertThat(timeline.header().space()).isEqualTo("lobby");
        assertThat(timeline.header().capacity()).isEqualTo(2);
        assertThat(timeline.header().startedAt()).isEqualTo(Instant.ofEpochMilli(broadcasts.openedAt));

        List<TimedEvent> recorded = timeline.entries().stream()
                .filter(entry -> entry instanceof TimedEvent).map(entry -> (TimedEvent) entry).toList();
        assertThat(recorded).extracting(TimedEvent::event).containsExactlyElementsOf(broadcasts.events);
        assertThat(recorded).extracting(RecordingEntry::t)
                .containsExactlyElementsOf(broadcasts.times.stream().map(time -> time - broadcasts.openedAt).toList());
        // The script's shape: three joins (Cy after promotion), the queue up and down, 5 pulses, three leaves.
        assertThat(broadcasts.events).filteredOn(e -> e instanceof Join).hasSize(3);
        assertThat(broadcasts.events).filteredOn(e -> e instanceof WaitingCount).hasSizeGreaterThanOrEqualTo(2);
        assertThat(broadcasts.events).filteredOn(e -> e instanceof Pulse).hasSize(5);
        assertThat(broadcasts.events).filteredOn(e -> e instanceof Leave).hasSize(3);
        assertThat(timeline.duration()).isEqualTo(broadcasts.closedAt - broadcasts.openedAt);
        assertThat(timeline.stateAt(timeline.duration()).members()).isEmpty();
        assertThat(timeline.stats().membersSeen()).isEqualTo(3);
    }
}
