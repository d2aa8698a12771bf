package dev.heartbeat.server.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recording thread: takes lines off the queue and writes them, and between lines keeps the
 * files healthy: snapshots when due, flush at least every {@code flushInterval}, rotation,
 * retention, and a new try after a failed disk. Every file and its state belongs to this thread.
 */
final class RecordingLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingLoop.class);
    private static final long TICK_MS = 50;
    private static final long RETENTION_EVERY_MS = 60_000;
    private static final long FOLDER_CHECK_EVERY_MS = 10_000;
    private static final long LOG_FAILURE_EVERY_MS = 60_000;
    private static final int DRAIN = 4096;
    /**
     * A snapshot the clock asks for is dated this much in the past, so that an event still on its
     * way through the queue keeps its own time instead of being moved after the snapshot.
     */
    private static final long SNAPSHOT_SLACK_MS = 250;

    private final RecordingSettings settings;
    private final RecordingFolder folder;
    private final BlockingQueue<RecordingLine> queue;
    private final RecorderMetrics metrics;
    private final Clock clock;
    private final Map<RecordedSpace, SessionRecording> sessions = new IdentityHashMap<>();
    private final Map<String, RecordingInfo> live = new ConcurrentHashMap<>();
    private final List<RecordingLine> batch = new ArrayList<>(DRAIN);
    private volatile boolean stopping;
    private volatile String problem;
    private volatile int failing;
    private volatile int openFiles;
    private String lastFailure;
    private long lastFailureLogged = Long.MIN_VALUE;
    private long lastTick = System.nanoTime();
    private long nextFlush;
    private long nextRetention;
    private long nextFolderCheck;
    private boolean retentionSoon = true;
    private String folderProblem;

    RecordingLoop(RecordingSettings settings, BlockingQueue<RecordingLine> queue, RecorderMetrics metrics, Clock clock) {
        this.settings = settings;
        this.folder = new RecordingFolder(settings.folder());
        this.queue = queue;
        this.metrics = metrics;
        this.clock = clock;
    }

    RecordingFolder folder() {
        return folder;
    }

    /** Recordings being written now, by id, as of the last tick. */
    Map<String, RecordingInfo> live() {
        return live;
    }

    /** What is wrong with recording right now, if anything (for /health). */
    String problem() {
        return problem;
    }

    int failing() {
        return failing;
    }

    int openFiles() {
        return openFiles;
    }

    /** Asks the thread to write what is queued, close every file and end. */
    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        checkFolder(clock.millis());
        while (true) {
            try {
                RecordingLine first = queue.poll(TICK_MS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    handle(first);
                    batch.clear();
                    queue.drainTo(batch, DRAIN);
                    for (RecordingLine line : batch) handle(line);
                }
                if (stopping && queue.isEmpty()) break;
                // Between busy batches the housekeeping runs once per tick, not once per batch.
                long real = System.nanoTime();
                if (real - lastTick >= TICK_MS * 1_000_000 || first == null) {
                    lastTick = real;
                    tick(clock.millis());
                }
            } catch (InterruptedException e) {
                stopping = true;
                Thread.interrupted(); // finish the files below all the same
            } catch (RuntimeException e) {
                // A bug must not end recording for the life of the server; say so loudly and go on.
                LOG.error("recording thread: unexpected error, going on", e);
            }
        }
        finishAll(clock.millis());
    }

    private void handle(RecordingLine line) {
        RecordedSpace space = line.session();
        SessionRecording recording = sessions.get(space);
        if (line instanceof RecordingLine.Open) {
            if (recording == null) start(space, space.openedAt);
        } else if (line instanceof RecordingLine.Resync resync) {
            if (recording == null && space.closed && space.closeLost) return;
            SessionRecording target = recording != null ? recording : start(space, space.openedAt);
            target.state.reset(resync.members(), resync.waiting());
            write(target, () -> {
                target.snapshot(resync.serverTime());
                metrics.written(1);
            });
        } else if (line instanceof RecordingLine.Event event) {
            if (recording == null) {
                // Its open was lost and the session already ended, or the file was already closed.
                if (space.closed) {
                    metrics.droppedWriteFailed();
                    return;
                }
                recording = start(space, space.openedAt);
            }
            SessionRecording target = recording;
            if (!target.writing()) {
                target.state.apply(Math.max(0, event.serverTime() - target.fileStart()), event.event());
                metrics.droppedWriteFailed();
                return;
            }
            write(target, () -> metrics.written(target.event(event.serverTime(), event.event(), event.encoded(), settings.snapshotInterval().toMillis())));
            if (target.writing() && target.bytesWritten() >= settings.maxFileBytes()) rotate(target, event.serverTime());
        } else if (line instanceof RecordingLine.Close close) {
            if (recording != null) finish(recording, close.serverTime());
        }
    }

    private SessionRecording start(RecordedSpace space, long start) {
        SessionRecording recording = new SessionRecording(space);
        sessions.put(space, recording);
        openFile(recording, start);
        return recording;
    }

    private void openFile(SessionRecording recording, long start) {
        try {
            Files.createDirectories(folder.path());
            long free = Files.getFileStore(folder.path()).getUsableSpace();
            if (free < settings.minFreeBytes()) {
                throw new IOException("disk nearly full: " + (free >> 20) + " MiB free in " + folder.path()
                        + ", recording needs at least " + (settings.minFreeBytes() >> 20) + " MiB");
            }
            Path file = folder.newFile(recording.session.space, Instant.ofEpochMilli(start), settings.gzip());
            recording.open(file, start, settings.gzip());
            metrics.written(1);
            retentionSoon = true;
            LOG.info("recording space {} to {}", recording.session.space, file.getFileName());
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            recording.abandon(clock.millis());
            failure(recording, "cannot start a recording of space " + recording.session.space, e);
        }
        refreshLive(clock.millis());
    }

    private void rotate(SessionRecording recording, long now) {
        Path old = recording.file();
        write(recording, () -> {
            recording.finish(now);
            metrics.written(1);
        });
        LOG.info("recording of space {} continues in a new file after {}", recording.session.space, old.getFileName());
        openFile(recording, now);
    }

    private void finish(SessionRecording recording, long now) {
        sessions.remove(recording.session);
        RecordedSpace space = recording.session;
        // A closed session's mirror is final and is right even if lines were dropped on the way.
        if (space.closed) recording.state.reset(space.mirror.members(), space.mirror.waiting());
        if (recording.writing()) {
            Path file = recording.file();
            boolean empty = recording.isEmptySession();
            write(recording, () -> {
                recording.finish(Math.max(now, recording.fileStart()));
                metrics.written(1);
            });
            if (empty) {
                discard(file);
            } else {
                LOG.info("recording of space {} finished: {}", recording.session.space, file.getFileName());
            }
        }
        retentionSoon = true;
        refreshLive(clock.millis());
    }

    private void discard(Path file) {
        try {
            Files.deleteIfExists(file);
            LOG.debug("nothing happened in {}: not kept", file.getFileName());
        } catch (IOException e) {
            LOG.warn("cannot remove the empty recording {}: {}", file.getFileName(), describe(e));
        }
    }

    private void tick(long now) {
        long snapshotEvery = settings.snapshotInterval().toMillis();
        for (SessionRecording recording : List.copyOf(sessions.values())) {
            RecordedSpace space = recording.session;
            if (space.closeLost) {
                finish(recording, space.closedAt);
                continue;
            }
            if (!recording.writing()) {
                if (recording.failedAt() >= 0 && now - recording.failedAt() >= settings.retryInterval().toMillis()) {
                    openFile(recording, now);
                }
                continue;
            }
            if (now - recording.fileStart() >= settings.maxFileAge().toMillis()) {
                rotate(recording, now);
            } else if (recording.snapshotDue(now - SNAPSHOT_SLACK_MS, snapshotEvery)) {
                write(recording, () -> {
                    recording.snapshot(now - SNAPSHOT_SLACK_MS);
                    metrics.written(1);
                });
            }
        }
        if (now >= nextFlush || stopping) {
            nextFlush = now + settings.flushInterval().toMillis();
            for (SessionRecording recording : List.copyOf(sessions.values())) write(recording, recording::flush);
            refreshLive(now);
        }
        if (now >= nextFolderCheck) {
            nextFolderCheck = now + FOLDER_CHECK_EVERY_MS;
            checkFolder(now);
        }
        if (retentionSoon || now >= nextRetention) {
            retentionSoon = false;
            nextRetention = now + RETENTION_EVERY_MS;
            sweep(now);
        }
        updateProblem();
    }

    private interface FileWork {
        void run() throws IOException;
    }

    private void write(SessionRecording recording, FileWork work) {
        if (!recording.writing()) return;
        long start = System.nanoTime();
        try {
            work.run();
            metrics.wrote(System.nanoTime() - start);
        } catch (IOException | UncheckedIOException e) {
            recording.abandon(clock.millis());
            failure(recording, "cannot write the recording of space " + recording.session.space + " (" + recording.file().getFileName()
                    + "); it resumes in a new file once the disk takes writes again", e);
        }
    }

    private void failure(SessionRecording recording, String what, Exception e) {
        metrics.writeError();
        lastFailure = what + ": " + describe(e);
        long now = clock.millis();
        if (now - lastFailureLogged >= LOG_FAILURE_EVERY_MS) {
            lastFailureLogged = now;
            LOG.warn("{} (further failures are logged at most once a minute; the server keeps serving)", lastFailure);
        }
        updateProblem();
    }

    private void checkFolder(long now) {
        String found = null;
        try {
            Path path = folder.path();
            Files.createDirectories(path);
            if (!Files.isWritable(path)) {
                found = "the recordings folder " + path + " is not writable";
            } else {
                long free = Files.getFileStore(path).getUsableSpace();
                if (free < settings.minFreeBytes()) {
                    found = "disk nearly full: " + (free >> 20) + " MiB free in " + path + ", recording needs at least "
                            + (settings.minFreeBytes() >> 20) + " MiB";
                }
            }
        } catch (IOException | UncheckedIOException | SecurityException e) {
            found = "the recordings folder " + folder.path() + " cannot be used: " + describe(e);
        }
        if (found != null && !found.equals(folderProblem)) LOG.warn("{}; recordings are not written until this is fixed", found);
        if (found == null && folderProblem != null) LOG.info("the recordings folder is usable again");
        folderProblem = found;
        updateProblem();
    }

    private void sweep(long now) {
        try {
            Set<Path> writing = sessions.values().stream().filter(SessionRecording::writing).map(SessionRecording::file).collect(Collectors.toSet());
            List<Path> deleted = RetentionSweep.run(folder, settings.retention(), writing, Instant.ofEpochMilli(now));
            if (!deleted.isEmpty()) {
                metrics.deleted(deleted.size());
                LOG.info("retention ({}): deleted {} old recording(s), the oldest {}", settings.retention(), deleted.size(),
                        deleted.get(0).getFileName());
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("retention could not clean the recordings folder: {}", describe(e));
        }
    }

    private void updateProblem() {
        int count = 0;
        for (SessionRecording recording : sessions.values()) if (!recording.writing() && recording.failedAt() >= 0) count++;
        failing = count > 0 || folderProblem != null ? 1 : 0;
        if (count > 0) problem = count + " space(s) not recorded: " + lastFailure;
        else problem = folderProblem;
    }

    private void refreshLive(long now) {
        int open = 0;
        Map<String, RecordingInfo> current = new java.util.HashMap<>();
        for (SessionRecording recording : sessions.values()) {
            if (!recording.writing()) continue;
            open++;
            long size;
            try {
                size = Files.size(recording.file());
            } catch (IOException e) {
                size = recording.bytesWritten();
            }
            current.put(recording.id(), recording.info(now, size, settings.gzip()));
        }
        live.keySet().retainAll(current.keySet());
        live.putAll(current);
        openFiles = open;
    }

    private void finishAll(long now) {
        for (SessionRecording recording : List.copyOf(sessions.values())) {
            try {
                finish(recording, now);
            } catch (RuntimeException e) {
                // One file's trouble must not leave the others unclosed.
                LOG.error("recording of space {} could not be finished", recording.session.space, e);
            }
        }
        live.clear();
        openFiles = 0;
    }

    private static String describe(Exception e) {
        Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
        String message = cause.getMessage();
        String kind = cause.getClass().getSimpleName();
        return message == null ? kind : kind + ": " + message;
    }
}
