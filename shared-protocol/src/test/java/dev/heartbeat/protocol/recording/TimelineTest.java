package dev.heartbeat.protocol.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.protocol.message.Join;
import dev.heartbeat.protocol.message.Leave;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.protocol.message.Rename;
import dev.heartbeat.protocol.message.WaitingCount;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineTest {
    @TempDir Path dir;

    @Test
    void stateAtManyRandomTimesEqualsApplyingEveryEventFromTheStart() throws IOException {
        ScriptedSession session = new ScriptedSession(42, 10 * 60_000, 8, 1.5, 0.05);
        Timeline timeline = Timeline.load(session.write(dir.resolve("s.hbrec.gz"), true));
        Random random = new Random(7);

        for (int i = 0; i < 2000; i++) {
            long t = random.nextInt((int) timeline.duration() + 2000) - 500;
            assertThat(timeline.stateAt(t)).as("state at %d", t).isEqualTo(foldFromStart(session.entries, t));
        }
        for (RecordingEntry entry : session.entries) {
            // Exactly at an event, and just before it.
            assertThat(timeline.stateAt(entry.t())).isEqualTo(foldFromStart(session.entries, entry.t()));
            assertThat(timeline.stateAt(entry.t() - 1)).isEqualTo(foldFromStart(session.entries, entry.t() - 1));
        }
    }

    @Property(tries = 30)
    void aRecordingWithoutSnapshotsSeeksAsCorrectly(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        List<RecordingEntry> entries = new ScriptedSession(seed, 90_000, 6, 3, 0.1).entries.stream()
                .filter(entry -> entry instanceof TimedEvent).toList();
        Timeline timeline = Timeline.of(new RecordingHeader("lobby", ScriptedSession.START, 6), entries);
        Random random = new Random(seed);
        for (int i = 0; i < 200; i++) {
            long t = random.nextInt(95_000);
            assertThat(timeline.stateAt(t)).isEqualTo(foldFromStart(entries, t));
        }
    }

    @Test
    void checkpointsKeepTheWorkOfASeekBounded() {
        // Dense and without snapshots: checkpoints still come every CHECKPOINT_EVERY_ENTRIES.
        List<RecordingEntry> entries = new ArrayList<>();
        Member ada = new Member("a", "Ada", 1, 0.1);
        entries.add(new TimedEvent(0, new Join(ada)));
        for (int i = 1; i <= 10_000; i++) entries.add(new TimedEvent(i / 10, new Pulse("a", 1, i)));
        Timeline timeline = Timeline.of(new RecordingHeader("lobby", ScriptedSession.START, 5), entries);

        assertThat(timeline.checkpointCount()).isGreaterThanOrEqualTo(10_001 / Timeline.CHECKPOINT_EVERY_ENTRIES);
        assertThat(timeline.stateAt(555).lastPulse()).containsEntry("a", new LastPulse(555, 1));
    }

    @Test
    void theSnapshotIsTheTruthEvenAfterLostLines() {
        Member ada = new Member("a", "Ada", 1, 0.1);
        Member bo = new Member("b", "Bo", 2, 0.2);
        List<RecordingEntry> entries = List.of(
                new TimedEvent(10, new Join(ada)),
                new TimedEvent(20, new Pulse("a", 0.5, 20)),
                // Bo's join and Ada's leave were lost (e.g. a recorder that had to drop lines).
                new Snapshot(30, List.of(bo), 2),
                new TimedEvent(40, new Pulse("b", 0.7, 40)));
        Timeline timeline = Timeline.of(new RecordingHeader("lobby", ScriptedSession.START, 5), entries);

        assertThat(timeline.stateAt(25)).isEqualTo(new TimelineState(25, List.of(ada), 0, Map.of("a", new LastPulse(20, 0.5))));
        assertThat(timeline.stateAt(35)).isEqualTo(new TimelineState(35, List.of(bo), 2, Map.of()));
        assertThat(timeline.stateAt(45)).isEqualTo(new TimelineState(45, List.of(bo), 2, Map.of("b", new LastPulse(40, 0.7))));
    }

    @Test
    void betweenIsHalfOpenAndInFileOrder() {
        ScriptedSession session = new ScriptedSession(5, 60_000, 5, 1, 0);
        Timeline timeline = Timeline.of(session.header, session.entries);

        List<RecordingEntry> part = timeline.between(10_000, 20_000);
        assertThat(part).isEqualTo(session.entries.stream().filter(e -> e.t() >= 10_000 && e.t() < 20_000).toList());
        assertThat(timeline.between(20_000, 10_000)).isEmpty();
        assertThat(timeline.between(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(session.entries);
        // State at from, then the part applied, is the state at to.
        SpaceState state = new SpaceState(timeline.stateAt(9_999));
        part.forEach(state::apply);
        assertThat(state.toState(19_999)).isEqualTo(timeline.stateAt(19_999));
    }

    @Test
    void durationAndStatsCoverTheWholeRecording() {
        ScriptedSession session = new ScriptedSession(6, 30_000, 5, 1, 0);
        Timeline timeline = Timeline.of(session.header, session.entries);

        assertThat(timeline.duration()).isEqualTo(session.entries.get(session.entries.size() - 1).t());
        long pulses = ScriptedSession.events(session.entries).stream().filter(e -> e instanceof Pulse).count();
        assertThat(timeline.stats().pulses()).isEqualTo(pulses);
        assertThat(timeline.stats().membersSeen()).isEqualTo(
                ScriptedSession.events(session.entries).stream().filter(e -> e instanceof Join).count());
    }

    @Test
    void densityCountsEveryPulseInItsBucket() {
        List<RecordingEntry> entries = new ArrayList<>();
        entries.add(new TimedEvent(0, new Join(new Member("a", "Ada", 1, 0.1))));
        for (int t = 0; t < 1000; t += 100) entries.add(new TimedEvent(t, new Pulse("a", 1, t)));
        for (int t = 9000; t < 9999; t += 10) entries.add(new TimedEvent(t, new Pulse("a", 1, t)));
        Timeline timeline = Timeline.of(new RecordingHeader("lobby", ScriptedSession.START, 5), entries);

        int[] density = timeline.density(10);
        assertThat(density).hasSize(10);
        assertThat(density[0]).isEqualTo(10);
        assertThat(density[9]).isEqualTo(100);
        assertThat(java.util.Arrays.stream(density).sum()).isEqualTo(110);
        assertThat(Timeline.of(timeline.header(), List.of()).density(4)).containsExactly(0, 0, 0, 0);
    }

    @Test
    void burstsAreWherePulsesComeMuchFasterAndCanBeJumpedBetween() {
        List<RecordingEntry> entries = new ArrayList<>();
        entries.add(new TimedEvent(0, new Join(new Member("a", "Ada", 1, 0.1))));
        for (long t = 0; t < 60_000; t += 1000) entries.add(new TimedEvent(t, new Pulse("a", 1, t))); // 1/s, calm
        for (long t = 20_100; t < 22_000; t += 50) entries.add(new TimedEvent(t, new Pulse("a", 1, t))); // 20/s for 2 s
        for (long t = 45_200; t < 45_900; t += 50) entries.add(new TimedEvent(t, new Pulse("a", 1, t)));
        entries.sort((x, y) -> Long.compare(x.t(), y.t()));
        Timeline timeline = Timeline.of(new RecordingHeader("lobby", ScriptedSession.START, 5), entries);

        assertThat(timeline.bursts()).extracting(Burst::start).containsExactly(20_000L, 45_000L);
        assertThat(timeline.bursts().get(0).end()).isEqualTo(21_950L);
        assertThat(timeline.nextBurst(0)).map(Burst::start).hasValue(20_000L);
        assertThat(timeline.nextBurst(20_000)).map(Burst::start).hasValue(45_000L);
        assertThat(timeline.nextBurst(45_000)).isEmpty();
        assertThat(timeline.previousBurst(50_000)).map(Burst::start).hasValue(45_000L);
        assertThat(timeline.previousBurst(45_000)).map(Burst::start).hasValue(20_000L);
        assertThat(timeline.previousBurst(20_000)).isEmpty();
    }

    @Test
    void idleStretchesIgnoreSnapshotsAndIncludeTheEnds() {
        List<RecordingEntry> entries = List.of(
                new Snapshot(0, List.of(), 0),
                new TimedEvent(4_000, new WaitingCount(1)),
                new TimedEvent(5_000, new WaitingCount(2)),
                new Snapshot(10_000, List.of(), 2),
                new TimedEvent(30_000, new WaitingCount(1)),
                new Snapshot(40_000, List.of(), 1));
        Timeline timeline = Timeline.of(new RecordingHeader("lobby", ScriptedSession.START, 5), entries);

        assertThat(timeline.idleStretches(3_000)).containsExactly(
                new IdleStretch(0, 4_000), new IdleStretch(5_000, 30_000), new IdleStretch(30_000, 40_000));
        assertThat(timeline.idleStretches(20_000)).containsExactly(new IdleStretch(5_000, 30_000));
    }

    @Test
    void timesThatStepBackAreReadInFileOrder() {
        Member ada = new Member("a", "Ada", 1, 0.1);
        List<RecordingEntry> entries = List.of(
                new TimedEvent(100, new Join(ada)),
                new TimedEvent(50, new Leave("a", dev.heartbeat.protocol.message.LeaveReason.CLOSED)));
        Timeline timeline = Timeline.of(new RecordingHeader("lobby", ScriptedSession.START, 5), entries);
        assertThat(timeline.stateAt(100).members()).isEmpty();
        assertThat(timeline.entries()).extracting(RecordingEntry::t).containsExactly(100L, 100L);
    }

    /** The obvious way, with no checkpoints: every entry from the first one up to t. */
    static TimelineState foldFromStart(List<RecordingEntry> entries, long t) {
        LinkedHashMap<String, Member> members = new LinkedHashMap<>();
        Map<String, LastPulse> pulses = new HashMap<>();
        int waiting = 0;
        for (RecordingEntry entry : entries) {
            if (entry.t() > t) break;
            if (entry instanceof Snapshot snapshot) {
                members.clear();
                snapshot.members().forEach(m -> members.put(m.id(), m));
                pulses.keySet().retainAll(members.keySet());
                waiting = snapshot.waiting();
            } else if (entry instanceof TimedEvent timed) {
                Object event = timed.event();
                if (event instanceof Join join) members.put(join.member().id(), join.member());
                if (event instanceof Leave leave) {
                    members.remove(leave.id());
                    pulses.remove(leave.id());
                }
                if (event instanceof Rename rename && members.containsKey(rename.member().id())) members.put(rename.member().id(), rename.member());
                if (event instanceof WaitingCount count) waiting = count.count();
                if (event instanceof Pulse pulse && members.containsKey(pulse.id())) pulses.put(pulse.id(), new LastPulse(entry.t(), pulse.strength()));
            }
        }
        return new TimelineState(Math.max(0, t), new ArrayList<>(members.values()), waiting, pulses);
    }
}
