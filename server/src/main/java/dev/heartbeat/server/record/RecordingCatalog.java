package dev.heartbeat.server.record;

import dev.heartbeat.protocol.recording.RecordingFormatException;
import dev.heartbeat.protocol.recording.RecordingReader;
import dev.heartbeat.protocol.recording.RecordingStats;
import dev.heartbeat.protocol.recording.RecordingWriter;
import dev.heartbeat.protocol.recording.Timeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the recordings folder holds, for the HTTP API. A finished file is read once for its
 * listing and remembered while its size and time stay the same; recordings being written are
 * described by the recorder instead. Timelines (whole recordings in memory, for the player's
 * parts and overview) are kept for the few most recently asked for; one being written is read
 * on from where it was last read ({@link GrowingRecordings}), not again from its start.
 */
public final class RecordingCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingCatalog.class);
    /**
     * Entries kept in memory over all cached timelines: about 140 bytes each, so at most about
     * 140 MB (an hour of a full space of 100 is about 380,000 entries, 53 MB).
     */
    private static final long TIMELINE_ENTRIES_KEPT = 1_000_000;
    /**
     * The largest file read whole for a player (the overview and parts): a little over the
     * recorder's 64 MiB rotation, about 900,000 lines, 125 MB in memory. A gzip file is judged by
     * a third of that on disk (recordings compress four- to fivefold).
     */
    public static final long MAX_PLAIN_BYTES = 72L << 20;
    static final long MAX_GZIP_BYTES = MAX_PLAIN_BYTES / 3;
    /** At most this many recordings are read into memory at once: with the cache, under 400 MB in all. */
    static final int CONCURRENT_LOADS = 2;
    private static final long LOAD_WAIT_SECONDS = 10;

    /** The file is too big to be read whole (413). */
    public static final class TooLargeException extends IOException {
        TooLargeException(String message) {
            super(message);
        }
    }

    /** Every reading slot stayed busy for the wait (503). */
    public static final class BusyException extends IOException {
        BusyException(String message) {
            super(message);
        }
    }

    private final Semaphore loads = new Semaphore(CONCURRENT_LOADS, true);
    private final Loader loader;

    /** Reads a whole recording into memory; tests slow it down. */
    interface Loader {
        Timeline load(Path file) throws IOException;
    }

    private static final Comparator<RecordingInfo> NEWEST_FIRST =
            Comparator.comparing(RecordingInfo::start).thenComparing(RecordingInfo::id).reversed();

    private record Version(long size, FileTime modified) {}

    private record Listed(Version version, RecordingInfo info) {}

    private record Loaded(Version version, Timeline timeline) {}

    private final RecordingFolder folder;
    private final Supplier<Map<String, RecordingInfo>> live;
    private final Map<Path, Listed> listed = new ConcurrentHashMap<>();
    private final LinkedHashMap<Path, Loaded> timelines = new LinkedHashMap<>(8, 0.75f, true);
    private final GrowingRecordings growing = new GrowingRecordings();

    /** @param live the recordings being written, by id ({@link SpaceRecorder#live()}); empty when not recording */
    public RecordingCatalog(RecordingFolder folder, Supplier<Map<String, RecordingInfo>> live) {
        this(folder, live, Timeline::load);
    }

    RecordingCatalog(RecordingFolder folder, Supplier<Map<String, RecordingInfo>> live, Loader loader) {
        this.folder = folder;
        this.live = live;
        this.loader = loader;
    }

    public RecordingFolder folder() {
        return folder;
    }

    /** Every readable recording, newest first. Files that are not recordings are left out. */
    public List<RecordingInfo> list() throws IOException {
        Map<String, RecordingInfo> writing = live.get();
        List<RecordingInfo> all = new ArrayList<>();
        List<Path> files = folder.files();
        for (Path file : files) {
            String id = RecordingFolder.idOf(file).orElseThrow();
            RecordingInfo current = writing.get(id);
            if (current != null) all.add(current);
            else describe(file).ifPresent(all::add);
        }
        listed.keySet().retainAll(files);
        all.sort(NEWEST_FIRST);
        return all;
    }

    /** The recordings being written now, newest first; the folder is not read. */
    public List<RecordingInfo> live() {
        List<RecordingInfo> writing = new ArrayList<>(live.get().values());
        writing.sort(NEWEST_FIRST);
        return writing;
    }

    /** Whether the recording is being written now. */
    public boolean live(String id) {
        return live.get().containsKey(id);
    }

    /** The recording with this id in memory; empty if there is none. */
    public Optional<Timeline> timeline(String id) throws IOException {
        Optional<Path> found = folder.find(id);
        if (found.isEmpty()) return Optional.empty();
        Path file = found.get();
        Map<String, RecordingInfo> writing = live.get();
        growing.keepOnly(path -> RecordingFolder.idOf(path).map(writing::containsKey).orElse(false));
        if (writing.containsKey(id) && !file.getFileName().toString().endsWith(RecordingWriter.GZIP_EXTENSION)) {
            return Optional.of(growing.timeline(file));
        }
        Version version = version(file);
        synchronized (timelines) {
            Loaded cached = timelines.get(file);
            if (cached != null && cached.version().equals(version)) return Optional.of(cached.timeline());
        }
        Timeline timeline = load(file, version.size());
        synchronized (timelines) {
            timelines.put(file, new Loaded(version, timeline));
            long kept = 0;
            for (Loaded loaded : timelines.values()) kept += loaded.timeline().entries().size();
            Iterator<Loaded> oldest = timelines.values().iterator();
            while (kept > TIMELINE_ENTRIES_KEPT && timelines.size() > 1) {
                kept -= oldest.next().timeline().entries().size();
                oldest.remove();
            }
        }
        return Optional.of(timeline);
    }

    private Timeline load(Path file, long size) throws IOException {
        boolean gzip = file.getFileName().toString().endsWith(RecordingWriter.GZIP_EXTENSION);
        if (size > (gzip ? MAX_GZIP_BYTES : MAX_PLAIN_BYTES)) {
            throw new TooLargeException(file.getFileName() + " is " + (size >> 20) + " MiB, more than the player's parts read whole ("
                    + ((gzip ? MAX_GZIP_BYTES : MAX_PLAIN_BYTES) >> 20) + " MiB); download it instead");
        }
        try {
            if (!loads.tryAcquire(LOAD_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new BusyException("every reading slot is busy with other recordings; try again shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusyException("interrupted while waiting for a reading slot");
        }
        try {
            return loader.load(file);
        } finally {
            loads.release();
        }
    }

    private Optional<RecordingInfo> describe(Path file) {
        try {
            Version version = version(file);
            Listed cached = listed.get(file);
            if (cached != null && cached.version().equals(version)) return Optional.of(cached.info());
            RecordingInfo info;
            try (RecordingReader reader = RecordingReader.open(file)) {
                RecordingStats stats = RecordingStats.scan(reader);
                info = new RecordingInfo(RecordingFolder.idOf(file).orElseThrow(), reader.header().space(), reader.header().startedAt(),
                        stats.duration(), version.size(), stats.membersSeen(), stats.pulses(), stats.events(), reader.gzip(), false,
                        stats.truncated());
            }
            listed.put(file, new Listed(version, info));
            return Optional.of(info);
        } catch (RecordingFormatException e) {
            LOG.debug("not listed: {}", e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("cannot read recording {}: {}", file.getFileName(), e.getMessage());
            return Optional.empty();
        }
    }

    private static Version version(Path file) throws IOException {
        return new Version(Files.size(file), Files.getLastModifiedTime(file));
    }
}
