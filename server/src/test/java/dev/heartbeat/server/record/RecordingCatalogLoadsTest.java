package dev.heartbeat.server.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.protocol.recording.RecordingHeader;
import dev.heartbeat.protocol.recording.Timeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Players asking for many recordings at once never make the server read more than two into memory. */
class RecordingCatalogLoadsTest {
    @TempDir Path dir;

    @Test
    void atMostTwoRecordingsAreReadAtOnceAndTheOthersWaitTheirTurn() throws Exception {
        for (int i = 0; i < 5; i++) {
            Files.writeString(dir.resolve("room-" + i + "-20261121T200000Z.hbrec"),
                    new RecordingHeader("room-" + i, Instant.parse("2026-11-21T20:00:00Z"), 5).toJson() + "\n");
        }
        AtomicInteger reading = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        RecordingCatalog catalog = new RecordingCatalog(new RecordingFolder(dir), Map::of, file -> {
            most.accumulateAndGet(reading.incrementAndGet(), Math::max);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reading.decrementAndGet();
            return Timeline.load(file);
        });
        ExecutorService players = Executors.newFixedThreadPool(5);
        List<Future<?>> asked = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = "room-" + i + "-20261121T200000Z";
            asked.add(players.submit(() -> catalog.timeline(id).orElseThrow()));
        }
        Thread.sleep(500);
        assertThat(reading.get()).as("reading now").isEqualTo(RecordingCatalog.CONCURRENT_LOADS);
        release.countDown();
        for (Future<?> answer : asked) answer.get(10, TimeUnit.SECONDS);
        assertThat(most.get()).isEqualTo(RecordingCatalog.CONCURRENT_LOADS);
        players.shutdownNow();
    }
}
