package dev.heartbeat.protocol.recording;

import dev.heartbeat.protocol.message.Pulse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A recording in memory, ready to be played from anywhere. {@link #stateAt} starts from the
 * nearest checkpoint at or before {@code t} and applies the few entries after it, so it takes the
 * same time early or late in a recording of any length: a checkpoint is kept at every snapshot
 * line and after at most {@value #CHECKPOINT_EVERY_ENTRIES} entries (so files with few snapshots
 * seek as fast). Also the figures a player draws: duration, pulse density, bursts, idle stretches.
 * Immutable and thread-safe.
 */
public final class Timeline {
    /** Entries between two checkpoints at most: the work of one {@link #stateAt}. */
    public static final int CHECKPOINT_EVERY_ENTRIES = 1024;
    /** A burst needs at least this many pulses in a second... */
    public static final int BURST_MIN_PULSES_PER_SECOND = 3;
    /** ...and this many times the recording's average over seconds that had pulses. */
    public static final double BURST_FACTOR = 2.0;

    private final RecordingHeader header;
    private final RecordingEntry[] entries;
    private final long[] times;
    private final int[] checkpointAt;
    private final TimelineState[] checkpoints;
    private final long[] pulseTimes;
    private final RecordingStats stats;
    private final List<Burst> bursts;

    private Timeline(RecordingHeader header, List<RecordingEntry> list, RecordingStats stats) {
        this.header = header;
        this.stats = stats;
        this.entries = new RecordingEntry[list.size()];
        this.times = new long[list.size()];
        List<Integer> checkpointIndex = new ArrayList<>();
        List<TimelineState> checkpointState = new ArrayList<>();
        checkpointIndex.add(0);
        checkpointState.add(TimelineState.empty());
        SpaceState state = new SpaceState();
        long[] pulses = new long[64];
        int pulseCount = 0;
        long last = 0;
        int sinceCheckpoint = 0;
        for (int i = 0; i < entries.length; i++) {
            RecordingEntry entry = monotone(list.get(i), last);
            last = entry.t();
            entries[i] = entry;
            times[i] = last;
            state.apply(entry);
            if (entry instanceof TimedEvent timed && timed.event() instanceof Pulse) {
                if (pulseCount == pulses.length) pulses = Arrays.copyOf(pulses, pulseCount * 2);
                pulses[pulseCount++] = last;
            }
            if (entry instanceof Snapshot || ++sinceCheckpoint >= CHECKPOINT_EVERY_ENTRIES) {
                checkpointIndex.add(i + 1);
                checkpointState.add(state.toState(last));
                sinceCheckpoint = 0;
            }
        }
        this.checkpointAt = checkpointIndex.stream().mapToInt(Integer::intValue).toArray();
        this.checkpoints = checkpointState.toArray(TimelineState[]::new);
        this.pulseTimes = Arrays.copyOf(pulses, pulseCount);
        this.bursts = findBursts();
    }

    /** A timeline of entries already read; their order is the order of the file. */
    public static Timeline of(RecordingHeader header, List<RecordingEntry> entries) {
        RecordingStats.Counter counter = new RecordingStats.Counter();
        entries.forEach(counter::add);
        RecordingStats counted = counter.finish(null);
        return new Timeline(header, entries, counted);
    }

    public static Timeline load(Path file) throws IOException {
        try (RecordingReader reader = RecordingReader.open(file)) {
            return read(reader);
        }
    }

    /** Reads a whole recording, plain or gzip, from {@code in}; closes it. */
    public static Timeline read(InputStream in, String source) throws IOException {
        try (RecordingReader reader = new RecordingReader(in, source)) {
            return read(reader);
        }
    }

    /** Reads every remaining entry of {@code reader}. */
    public static Timeline read(RecordingReader reader) throws IOException {
        RecordingStats.Counter counter = new RecordingStats.Counter();
        List<RecordingEntry> list = new ArrayList<>();
        for (RecordingEntry entry = reader.next(); entry != null; entry = reader.next()) {
            list.add(entry);
            counter.add(entry);
        }
        return new Timeline(reader.header(), list, counter.finish(reader));
    }

    public RecordingHeader header() {
        return header;
    }

    /** ms from the start to the last line. */
    public long duration() {
        return times.length == 0 ? 0 : times[times.length - 1];
    }

    public RecordingStats stats() {
        return stats;
    }

    /** Every entry in file order, snapshots included. */
    public List<RecordingEntry> entries() {
        return Collections.unmodifiableList(Arrays.asList(entries));
    }

    /** The state after every entry with {@code t' <= t}; {@code t} past the end gives the final state. */
    public TimelineState stateAt(long t) {
        int end = firstAfter(t);
        int k = lastCheckpointAtOrBefore(end);
        SpaceState state = new SpaceState(checkpoints[k]);
        for (int i = checkpointAt[k]; i < end; i++) state.apply(entries[i]);
        return state.toState(Math.max(0, t));
    }

    /**
     * The entries with {@code from <= t < to}, in order, snapshots included: a player applies
     * them to the state at {@code from} with {@link SpaceState#apply(RecordingEntry)}.
     */
    public List<RecordingEntry> between(long from, long to) {
        int start = firstAtOrAfter(from);
        int stop = Math.max(start, firstAtOrAfter(to));
        return Collections.unmodifiableList(Arrays.asList(entries).subList(start, stop));
    }

    /** Pulses per bucket over [0, duration], for the strip under a seek bar. */
    public int[] density(int buckets) {
        if (buckets < 1) throw new IllegalArgumentException("buckets must be at least 1");
        int[] counts = new int[buckets];
        long span = duration() + 1;
        for (long t : pulseTimes) counts[(int) Math.min(buckets - 1, t * buckets / span)]++;
        return counts;
    }

    /**
     * Runs of seconds with at least {@value #BURST_MIN_PULSES_PER_SECOND} pulses and at least
     * {@value #BURST_FACTOR} times the average of the seconds that had any.
     */
    public List<Burst> bursts() {
        return bursts;
    }

    /** The first burst that starts after {@code t}. */
    public Optional<Burst> nextBurst(long t) {
        return bursts.stream().filter(burst -> burst.start() > t).findFirst();
    }

    /** The last burst that starts before {@code t}. */
    public Optional<Burst> previousBurst(long t) {
        Burst found = null;
        for (Burst burst : bursts) {
            if (burst.start() >= t) break;
            found = burst;
        }
        return Optional.ofNullable(found);
    }

    /**
     * Stretches longer than {@code minIdleMs} without an event (snapshots do not count), from the
     * start to the end: what a player skips or shortens, like asciinema's idle time limit.
     */
    public List<IdleStretch> idleStretches(long minIdleMs) {
        List<IdleStretch> idle = new ArrayList<>();
        long previous = 0;
        for (int i = 0; i < entries.length; i++) {
            if (!(entries[i] instanceof TimedEvent)) continue;
            if (times[i] - previous > minIdleMs) idle.add(new IdleStretch(previous, times[i]));
            previous = times[i];
        }
        if (duration() - previous > minIdleMs) idle.add(new IdleStretch(previous, duration()));
        return idle;
    }

    /** Checkpoints kept; for tests and the benchmark. */
    int checkpointCount() {
        return checkpoints.length;
    }

    private List<Burst> findBursts() {
        if (pulseTimes.length == 0) return List.of();
        int seconds = (int) (pulseTimes[pulseTimes.length - 1] / 1000) + 1;
        int[] perSecond = new int[seconds];
        for (long t : pulseTimes) perSecond[(int) (t / 1000)]++;
        int busySeconds = 0;
        for (int count : perSecond) if (count > 0) busySeconds++;
        double average = (double) pulseTimes.length / busySeconds;
        double threshold = Math.max(BURST_MIN_PULSES_PER_SECOND, BURST_FACTOR * average);
        List<Burst> found = new ArrayList<>();
        int s = 0;
        while (s < seconds) {
            if (perSecond[s] < threshold) {
                s++;
                continue;
            }
            int runStart = s;
            int pulses = 0;
            while (s < seconds && perSecond[s] >= threshold) pulses += perSecond[s++];
            int first = firstAtOrAfter(pulseTimes, runStart * 1000L);
            int last = firstAtOrAfter(pulseTimes, s * 1000L) - 1;
            found.add(new Burst(pulseTimes[first], pulseTimes[last], pulses));
        }
        return List.copyOf(found);
    }

    private static RecordingEntry monotone(RecordingEntry entry, long last) {
        // The order of the lines is the truth; a time that steps back (a clock change) is read as the last one.
        if (entry.t() >= last) return entry;
        if (entry instanceof TimedEvent timed) return new TimedEvent(last, timed.event());
        Snapshot snapshot = (Snapshot) entry;
        return new Snapshot(last, snapshot.members(), snapshot.waiting());
    }

    private int lastCheckpointAtOrBefore(int index) {
        int low = 0;
        int high = checkpointAt.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (checkpointAt[mid] <= index) low = mid;
            else high = mid - 1;
        }
        return low;
    }

    private int firstAtOrAfter(long t) {
        return firstAtOrAfter(times, t);
    }

    private int firstAfter(long t) {
        return t == Long.MAX_VALUE ? times.length : firstAtOrAfter(times, t + 1);
    }

    private static int firstAtOrAfter(long[] sorted, long t) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < t) low = mid + 1;
            else high = mid;
        }
        return low;
    }
}
