package dev.heartbeat.server.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.protocol.codec.ProtocolCodec;
import dev.heartbeat.protocol.message.Join;
import dev.heartbeat.protocol.message.Leave;
import dev.heartbeat.protocol.message.LeaveReason;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.protocol.message.ServerEvent;
import dev.heartbeat.protocol.message.WaitingCount;
import dev.heartbeat.protocol.recording.RecordingEntry;
import dev.heartbeat.protocol.recording.RecordingHeader;
import dev.heartbeat.protocol.recording.RecordingReader;
import dev.heartbeat.protocol.recording.Snapshot;
import dev.heartbeat.protocol.recording.TimedEvent;
import dev.heartbeat.protocol.recording.Timeline;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpaceRecorderTest {
    private static final Instant START = Instant.parse("2026-11-21T20:00:00Z");
    private static final Member ADA = new Member("ada001", "Ada", 212, 0.37);
    private static final Member BO = new Member("bo0002", "Bo", 40, 0.81);

    @TempDir Path dir;

    private final ProtocolCodec codec = new ProtocolCodec();
    private final ManualClock clock = new ManualClock(START);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private SpaceRecorder recorder;

    @AfterEach
    void stop() {
        if (recorder != null) recorder.close();
    }

    private SpaceRecorder recorder(RecordingSettings settings) {
        recorder = new SpaceRecorder(settings, registry, clock);
        return recorder;
    }

    private RecordingSettings settings() {
        return RecordingSettings.of(dir).withMinFreeBytes(0).withRetryInterval(Duration.ofSeconds(10));
    }

    private void send(String space, ServerEvent event, long atMs) {
        recorder.broadcast(space, event, codec.encode(event), START.toEpochMilli() + atMs);
    }

    @Test
    void aSessionIsOneFileWithEveryEventAtItsTimeBetweenSnapshots() throws IOException {
        recorder(settings());
        recorder.spaceOpened("lobby", 5, START.toEpochMilli());
        send("lobby", new Join(ADA), 0);
        send("lobby", new Pulse(ADA.id(), 1, START.toEpochMilli() + 700), 700);
        send("lobby", new Join(BO), 1_500);
        send("lobby", new WaitingCount(1), 1_600);
        send("lobby", new Leave(ADA.id(), LeaveReason.CLOSED), 2_200);
        send("lobby", new Leave(BO.id(), LeaveReason.TIMEOUT), 3_000);
        recorder.spaceClosed("lobby", START.toEpochMilli() + 3_100);
        recorder.close();

        List<Path> files = recordings();
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getFileName().toString()).isEqualTo("lobby-20261121T200000Z.hbrec");
        try (RecordingReader reader = RecordingReader.open(files.get(0))) {
            assertThat(reader.header()).isEqualTo(new RecordingHeader("lobby", START, 5));
            List<RecordingEntry> entries = reader.readAll();
            assertThat(entries.get(0)).isEqualTo(new Snapshot(0, List.of(), 0));
            assertThat(entries.subList(1, 7)).containsExactly(
                    new TimedEvent(0, new Join(ADA)),
                    new TimedEvent(700, new Pulse(ADA.id(), 1, START.toEpochMilli() + 700)),
                    new TimedEvent(1_500, new Join(BO)),
                    new TimedEvent(1_600, new WaitingCount(1)),
                    new TimedEvent(2_200, new Leave(ADA.id(), LeaveReason.CLOSED)),
                    new TimedEvent(3_000, new Leave(BO.id(), LeaveReason.TIMEOUT)));
            // Closing writes a last snapshot, so the recording lasts until the space emptied.
            assertThat(entries.get(7)).isEqualTo(new Snapshot(3_100, List.of(), 1));
            assertThat(entries).hasSize(8);
            assertThat(reader.truncated()).isFalse();
        }
        assertThat(registry.get("heartbeat.recordings.lines.written").counter().count()).as("snapshot, 6 events, snapshot").isEqualTo(8);
    }

    @Test
    void theLinesAreTheWireFramesWithT() throws IOException {
        recorder(settings());
        recorder.spaceOpened("lobby", 5, START.toEpochMilli());
        String encoded = codec.encode(new Join(ADA));
        recorder.broadcast("lobby", new Join(ADA), encoded, START.toEpochMilli() + 42);
        recorder.close();
        List<String> lines = Files.readAllLines(recordings().get(0));
        assertThat(lines.get(2)).isEqualTo("{\"t\":42," + encoded.substring(1));
    }

    @Test
    void aQuietSpaceStillGetsASnapshotAtLeastEveryTenSecondsAndIsFlushedWithinASecond() throws Exception {
        recorder(settings());
        recorder.spaceOpened("lobby", 5, START.toEpochMilli());
        send("lobby", new Join(ADA), 10);
        Path file = awaitOneFile();
        for (int second = 1; second <= 40; second++) {
            clock.advance(1_000);
            Thread.sleep(120); // a little more than the recording thread's tick
        }
        // Not closed: what is on disk now is what a crash would leave.
        await(() -> snapshotsIn(file).size() >= 6);
        Timeline timeline = Timeline.load(file);
        List<Long> times = snapshotsIn(file);
        assertThat(times.get(0)).isZero();
        for (int i = 1; i < times.size(); i++) assertThat(times.get(i) - times.get(i - 1)).isLessThanOrEqualTo(10_000);
        assertThat(timeline.stateAt(35_000).members()).containsExactly(ADA);
        assertThat(timeline.duration()).isGreaterThan(30_000);
        assertThat(timeline.entries()).contains(new TimedEvent(10, new Join(ADA)));
    }

    @Test
    void aSessionRotatesAtTheSizeLimitAndEachFileStartsWithTheState() throws IOException {
        recorder(settings().withRotation(4 * 1024, Duration.ofHours(1)));
        recorder.spaceOpened("lobby", 5, START.toEpochMilli());
        send("lobby", new Join(ADA), 0);
        List<ServerEvent> sent = new ArrayList<>(List.of(new Join(ADA)));
        for (int i = 1; i <= 300; i++) {
            Pulse pulse = new Pulse(ADA.id(), 0.5, START.toEpochMilli() + i * 10L);
            send("lobby", pulse, i * 10L);
            sent.add(pulse);
        }
        recorder.spaceClosed("lobby", START.toEpochMilli() + 4_000);
        recorder.close();

        // In the order they were written: lobby-…Z, then lobby-…Z-2, -3, …
        List<Path> files = recordings().stream().sorted(Comparator.comparing((Path f) -> f.getFileName().toString().substring(0, 22))
                .thenComparingInt(SpaceRecorderTest::sequence)).toList();
        assertThat(files.size()).isGreaterThan(3);
        List<ServerEvent> read = new ArrayList<>();
        for (Path file : files) {
            assertThat(Files.size(file)).isLessThan(4 * 1024 + 512);
            try (RecordingReader reader = RecordingReader.open(file)) {
                List<RecordingEntry> entries = reader.readAll();
                assertThat(entries.get(0)).isInstanceOf(Snapshot.class);
                if (!read.isEmpty()) assertThat(((Snapshot) entries.get(0)).members()).containsExactly(ADA);
                entries.stream().filter(e -> e instanceof TimedEvent).forEach(e -> read.add(((TimedEvent) e).event()));
            }
        }
        assertThat(read).isEqualTo(sent);
    }

    @Test
    void aSessionRotatesAtTheTimeLimit() throws Exception {
        recorder(settings().withRotation(1 << 20, Duration.ofSeconds(60)));
        recorder.spaceOpened("lobby", 5, START.toEpochMilli());
        send("lobby", new Join(ADA), 0);
        awaitOneFile();
        clock.advance(61_000);
        await(() -> count() == 2);
        send("lobby", new Leave(ADA.id(), LeaveReason.CLOSED), 62_000);
        recorder.spaceClosed("lobby", START.toEpochMilli() + 62_000);
        recorder.close();
        Timeline second = Timeline.load(recordings().get(1));
        assertThat(second.header().startedAt()).isEqualTo(START.plusSeconds(61));
        assertThat(second.stateAt(0).members()).containsExactly(ADA);
        assertThat(second.stateAt(second.duration()).members()).isEmpty();
    }

    @Test
    void gzipRecordingsAreReadable() throws IOException {
        recorder(settings().withGzip(true));
        recorder.spaceOpened("lobby", 5, START.toEpochMilli());
        send("lobby", new Join(ADA), 5);
        recorder.close();
        Path file = recordings().get(0);
        assertThat(file.getFileName().toString()).endsWith(".hbrec.gz");
        assertThat(Timeline.load(file).stateAt(10).members()).containsExactly(ADA);
    }

    @Test
    void anUnwritableFolderIsReportedAndRecordingResumesWhenItIsFixed() throws Exception {
        Path blocked = dir.resolve("recordings");
        Files.writeString(blocked, "a file where the folder should be");
        recorder(RecordingSettings.of(blocked).withMinFreeBytes(0).withRetryInterval(Duration.ofSeconds(10)));
        recorder.spaceOpened("lobby", 5, START.toEpochMilli());
        send("lobby", new Join(ADA), 0); // never throws, never blocks
        // The folder's own check may say so first; the space's failure follows.
        await(() -> recorder.problem().map(problem -> problem.contains("lobby")).orElse(false));
        assertThat(registry.get("heartbeat.recordings.failing").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("heartbeat.recordings.write.errors").counter().count()).isGreaterThanOrEqualTo(1);

        Files.delete(blocked);
        send("lobby", new Join(BO), 2_000);
        clock.advance(11_000);
        await(() -> recorder.problem().isEmpty());
        assertThat(registry.get("heartbeat.recordings.failing").gauge().value()).isZero();
        recorder.close();
        List<Path> files;
        try (var listing = Files.list(blocked)) {
            files = listing.toList();
        }
        assertThat(files).hasSize(1);
        // The new file starts with everything the space had meanwhile.
        assertThat(Timeline.load(files.get(0)).stateAt(0).members()).containsExactly(ADA, BO);
    }

    @Test
    void aNearlyFullDiskIsReportedWithoutStoppingTheSpaces() throws Exception {
        recorder(RecordingSettings.of(dir).withMinFreeBytes(Long.MAX_VALUE));
        recorder.spaceOpened("lobby", 5, START.toEpochMilli());
        send("lobby", new Join(ADA), 0);
        await(() -> recorder.problem().isPresent());
        assertThat(recorder.problem().orElseThrow()).contains("disk nearly full");
        assertThat(recordings()).isEmpty();
    }

    @Test
    void aFullQueueDropsAndCountsLinesInsteadOfBlockingAndTheStateComesRightAgain() throws Exception {
        recorder(settings().withQueueLines(64));
        recorder.spaceOpened("lobby", 50, START.toEpochMilli());
        List<Member> expected = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 20_000; i++) {
            Member member = new Member("m" + i, "M" + i, i % 360, 0.5);
            send("lobby", new Join(member), i);
            expected.add(member);
            for (int p = 0; p < 5; p++) send("lobby", new Pulse(member.id(), 1, START.toEpochMilli() + i), i);
            if (expected.size() > 40 && i % 3 != 0) {
                send("lobby", new Leave(expected.remove(0).id(), LeaveReason.CLOSED), i);
            }
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        recorder.spaceClosed("lobby", START.toEpochMilli() + 20_000);
        recorder.close();

        assertThat(elapsedMs).as("120,000 callbacks never wait for the disk").isLessThan(5_000);
        assertThat(recorder.droppedLines()).isPositive();
        assertThat(registry.get("heartbeat.recordings.lines.dropped").tag("reason", "queue-full").counter().count())
                .isEqualTo(recorder.droppedLines());
        Timeline timeline = Timeline.load(recordings().get(0));
        // Lost joins and leaves are made good by resync snapshots: the end state is the true one.
        assertThat(timeline.stateAt(20_000).members()).containsExactlyElementsOf(expected);
        assertThat(timeline.stats().damagedSkipped()).isZero();
    }

    @Test
    void eachSessionOfASpaceIsItsOwnFile() throws IOException {
        recorder(settings());
        recorder.spaceOpened("lobby", 5, START.toEpochMilli());
        send("lobby", new Join(ADA), 0);
        recorder.spaceClosed("lobby", START.toEpochMilli() + 1_000);
        recorder.spaceOpened("lobby", 5, START.toEpochMilli() + 500);
        send("lobby", new Join(BO), 600);
        recorder.spaceOpened("studio", 3, START.toEpochMilli() + 1_700);
        recorder.close();
        assertThat(recordings()).extracting(f -> f.getFileName().toString())
                .containsExactly("lobby-20261121T200000Z-2.hbrec", "lobby-20261121T200000Z.hbrec", "studio-20261121T200001Z.hbrec");
        assertThat(Timeline.load(dir.resolve("lobby-20261121T200000Z-2.hbrec")).stateAt(200).members()).containsExactly(BO);
    }

    @Test
    void retentionDeletesTheOldestFinishedRecordings() throws Exception {
        for (int i = 0; i < 5; i++) {
            Path old = dir.resolve("old-2026010" + (i + 1) + "T000000Z.hbrec");
            Files.writeString(old, new RecordingHeader("old", START, 5).toJson() + "\n");
            Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(START.minusSeconds(3600 * (10 - i))));
        }
        recorder(settings().withRetention(RecordingRetention.parse("3")));
        recorder.spaceOpened("lobby", 5, START.toEpochMilli());
        send("lobby", new Join(ADA), 0);
        await(() -> count() == 3);
        assertThat(recordings()).extracting(f -> f.getFileName().toString())
                .containsExactly("lobby-20261121T200000Z.hbrec", "old-20260104T000000Z.hbrec", "old-20260105T000000Z.hbrec");
        assertThat(registry.get("heartbeat.recordings.deleted").counter().count()).isEqualTo(3);
    }

    private List<Path> recordings() throws IOException {
        try (var listing = Files.list(dir)) {
            return listing.filter(f -> f.getFileName().toString().contains(".hbrec")).sorted(Comparator.comparing(Path::toString)).toList();
        }
    }

    private static int sequence(Path file) {
        java.util.regex.Matcher n = java.util.regex.Pattern.compile("Z-(\\d+)\\.").matcher(file.getFileName().toString());
        return n.find() ? Integer.parseInt(n.group(1)) : 1;
    }

    private int count() {
        try {
            return recordings().size();
        } catch (IOException e) {
            return -1;
        }
    }

    private Path awaitOneFile() throws Exception {
        await(() -> count() == 1);
        return recordings().get(0);
    }

    private static List<Long> snapshotsIn(Path file) {
        try (RecordingReader reader = RecordingReader.open(file)) {
            return reader.readAll().stream().filter(e -> e instanceof Snapshot).map(RecordingEntry::t).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 10 s");
            Thread.sleep(20);
        }
    }
}
