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
        this.folder = folder;
        this.live = live;
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
        Timeline timeline = Timeline.load(file);
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
