package dev.heartbeat.server.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Deletes the oldest finished recordings beyond the retention; files being written are left alone
 * and do not count towards the number kept (dozens of spaces opening at once must not push out
 * what has finished), only towards the total size.
 */
final class RetentionSweep {
    private record Candidate(Path file, Instant modified, long size) {}

    private RetentionSweep() {}

    /** @return the files deleted */
    static List<Path> run(RecordingFolder folder, RecordingRetention retention, Set<Path> live, Instant now) throws IOException {
        List<Candidate> finished = new ArrayList<>();
        long total = 0;
        for (Path file : folder.files()) {
            long size;
            Instant modified;
            try {
                size = Files.size(file);
                modified = Files.getLastModifiedTime(file).toInstant();
            } catch (IOException vanished) {
                continue;
            }
            total += size;
            if (!live.contains(file)) finished.add(new Candidate(file, modified, size));
        }
        finished.sort(Comparator.comparing(Candidate::modified).thenComparing(c -> c.file().getFileName().toString()));
        List<Path> deleted = new ArrayList<>();
        int count = finished.size();
        for (Candidate oldest : finished) {
            boolean tooOld = retention.maxAge().isPresent() && oldest.modified().isBefore(now.minus(retention.maxAge().get()));
            boolean tooMany = retention.maxFiles().isPresent() && count > retention.maxFiles().getAsInt();
            boolean tooBig = retention.maxTotalBytes().isPresent() && total > retention.maxTotalBytes().getAsLong();
            if (!tooOld && !tooMany && !tooBig) break; // oldest first: nothing newer can be over
            if (Files.deleteIfExists(oldest.file())) deleted.add(oldest.file());
            count--;
            total -= oldest.size();
        }
        return deleted;
    }
}
