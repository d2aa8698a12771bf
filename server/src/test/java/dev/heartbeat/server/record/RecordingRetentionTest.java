package dev.heartbeat.server.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heartbeat.protocol.recording.RecordingHeader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingRetentionTest {
    private static final Instant NOW = Instant.parse("2026-11-21T20:00:00Z");

    @TempDir Path dir;

    @Test
    void keepIsACountAnAgeASizeOrSeveral() {
        assertThat(RecordingRetention.parse("500")).isEqualTo(new RecordingRetention(OptionalInt.of(500), Optional.empty(), OptionalLong.empty()));
        assertThat(RecordingRetention.parse("30d").maxAge()).hasValue(Duration.ofDays(30));
        assertThat(RecordingRetention.parse("12h").maxAge()).hasValue(Duration.ofHours(12));
        assertThat(RecordingRetention.parse("90m").maxAge()).hasValue(Duration.ofMinutes(90));
        assertThat(RecordingRetention.parse("2GB").maxTotalBytes()).hasValue(2L << 30);
        assertThat(RecordingRetention.parse(" 100 , 7d , 500mb ")).isEqualTo(
                new RecordingRetention(OptionalInt.of(100), Optional.of(Duration.ofDays(7)), OptionalLong.of(500L << 20)));
        assertThat(RecordingRetention.defaults()).isEqualTo(RecordingRetention.parse(RecordingRetention.DEFAULT));
    }

    @Test
    void anythingElseIsRefusedWithWhatIsAccepted() {
        for (String bad : List.of("", "forever", "30 days", "0", "-5", "0d", "99999999999999999999", "1,2x")) {
            assertThatThrownBy(() -> RecordingRetention.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> RecordingRetention.parse("forever")).hasMessageContaining("use a number of files (500), an age (30d");
    }

    @Test
    void theOldestGoFirstAndFilesBeingWrittenNeitherGoNorCount() throws IOException {
        Path a = recording("a-20261101T000000Z", NOW.minus(Duration.ofDays(20)), 1000);
        Path b = recording("b-20261110T000000Z", NOW.minus(Duration.ofDays(11)), 1000);
        Path c = recording("c-20261120T000000Z", NOW.minus(Duration.ofDays(1)), 1000);
        Path writing = recording("d-20261101T000000Z", NOW.minus(Duration.ofDays(30)), 1000);
        Files.writeString(dir.resolve("unrelated.txt"), "x");
        RecordingFolder folder = new RecordingFolder(dir);

        assertThat(RetentionSweep.run(folder, RecordingRetention.parse("10d"), Set.of(writing), NOW)).containsExactly(a, b);
        assertThat(Files.exists(writing)).isTrue();
        assertThat(Files.exists(dir.resolve("unrelated.txt"))).isTrue();

        Path e = recording("e-20261121T000000Z", NOW, 1000);
        assertThat(RetentionSweep.run(folder, RecordingRetention.parse("2"), Set.of(writing), NOW)).as("c, e and one live").isEmpty();
        Path f = recording("f-20261121T010000Z", NOW, 1000);
        assertThat(RetentionSweep.run(folder, RecordingRetention.parse("2"), Set.of(writing), NOW)).containsExactly(c);
        assertThat(Files.exists(e)).isTrue();
        assertThat(Files.exists(f)).isTrue();
    }

    @Test
    void aSizeBudgetCountsEveryFileButDeletesOnlyFinishedOnes() throws IOException {
        Path a = recording("a-20261101T000000Z", NOW.minus(Duration.ofDays(3)), 4000);
        Path b = recording("b-20261110T000000Z", NOW.minus(Duration.ofDays(2)), 4000);
        Path writing = recording("c-20261120T000000Z", NOW.minus(Duration.ofDays(9)), 4000);
        assertThat(RetentionSweep.run(new RecordingFolder(dir), RecordingRetention.parse("9kb"), Set.of(writing), NOW)).containsExactly(a);
        assertThat(Files.exists(b)).isTrue();
    }

    private Path recording(String id, Instant modified, int size) throws IOException {
        Path file = dir.resolve(id + ".hbrec");
        String header = new RecordingHeader("x", NOW, 5).toJson() + "\n";
        Files.writeString(file, header + " ".repeat(Math.max(0, size - header.length())));
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}
