package dev.heartbeat.server.record;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the server records its spaces. The CLI fills {@code folder} ({@code --recordings}),
 * {@code gzip} ({@code --record-gzip}) and {@code retention} ({@code --recordings-keep}); the rest
 * keeps its default unless a test needs otherwise.
 *
 * @param folder where recordings are written; created if missing. Default {@code ./recordings}
 * @param gzip write {@code .hbrec.gz} instead of {@code .hbrec}. Default false
 * @param retention which finished recordings to keep. Default {@link RecordingRetention#DEFAULT}
 * @param maxFileBytes a session rotates to a new file at this many uncompressed bytes. Default 64 MiB, so that
 *     the HTTP API can always read a whole file ({@link RecordingCatalog#MAX_PLAIN_BYTES})
 * @param maxFileAge a session rotates to a new file after this long. Default 6 hours
 * @param snapshotInterval a snapshot line at least this often (the contract says at most 10 s). Default 5 s
 * @param flushInterval files are flushed at least this often: what a crash can lose. Default 100 ms
 * @param queueLines lines waiting for the writer thread at most; beyond, lines are dropped and counted. Default 65,536
 * @param minFreeBytes no new file is started while the disk has less free space than this. Default 64 MiB
 * @param retryInterval after a write failure, how long until a new file is tried. Default 10 s
 */
public record RecordingSettings(
        Path folder,
        boolean gzip,
        RecordingRetention retention,
        long maxFileBytes,
        Duration maxFileAge,
        Duration snapshotInterval,
        Duration flushInterval,
        int queueLines,
        long minFreeBytes,
        Duration retryInterval) {

    public static final Path DEFAULT_FOLDER = Path.of("recordings");

    public RecordingSettings {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(retention, "retention");
        if (maxFileBytes < 1024) throw new IllegalArgumentException("max file size must be at least 1 KiB");
        if (maxFileAge.toMillis() < 1000) throw new IllegalArgumentException("max file age must be at least 1 s");
        if (snapshotInterval.toMillis() < 100 || snapshotInterval.toMillis() > 10_000) {
            throw new IllegalArgumentException("snapshot interval must be 0.1 to 10 s (the contract's most)");
        }
        if (flushInterval.toMillis() < 10 || flushInterval.toMillis() > 1000) {
            throw new IllegalArgumentException("flush interval must be 10 ms to 1 s");
        }
        if (queueLines < 64) throw new IllegalArgumentException("the recording queue must hold at least 64 lines");
        if (minFreeBytes < 0) throw new IllegalArgumentException("min free bytes must not be negative");
    }

    /** The defaults, writing to {@code folder}. */
    public static RecordingSettings of(Path folder) {
        return new RecordingSettings(folder, false, RecordingRetention.defaults(), 64L << 20, Duration.ofHours(6),
                Duration.ofSeconds(5), Duration.ofMillis(100), 65_536, 64L << 20, Duration.ofSeconds(10));
    }

    public RecordingSettings withGzip(boolean value) {
        return new RecordingSettings(folder, value, retention, maxFileBytes, maxFileAge, snapshotInterval, flushInterval, queueLines, minFreeBytes, retryInterval);
    }

    public RecordingSettings withRetention(RecordingRetention value) {
        return new RecordingSettings(folder, gzip, value, maxFileBytes, maxFileAge, snapshotInterval, flushInterval, queueLines, minFreeBytes, retryInterval);
    }

    public RecordingSettings withRotation(long bytes, Duration age) {
        return new RecordingSettings(folder, gzip, retention, bytes, age, snapshotInterval, flushInterval, queueLines, minFreeBytes, retryInterval);
    }

    public RecordingSettings withQueueLines(int value) {
        return new RecordingSettings(folder, gzip, retention, maxFileBytes, maxFileAge, snapshotInterval, flushInterval, value, minFreeBytes, retryInterval);
    }

    public RecordingSettings withMinFreeBytes(long value) {
        return new RecordingSettings(folder, gzip, retention, maxFileBytes, maxFileAge, snapshotInterval, flushInterval, queueLines, value, retryInterval);
    }

    public RecordingSettings withRetryInterval(Duration value) {
        return new RecordingSettings(folder, gzip, retention, maxFileBytes, maxFileAge, snapshotInterval, flushInterval, queueLines, minFreeBytes, value);
    }

    /** The extension of new files. */
    String extension() {
        return gzip ? dev.heartbeat.protocol.recording.RecordingWriter.GZIP_EXTENSION : dev.heartbeat.protocol.recording.RecordingWriter.EXTENSION;
    }
}
