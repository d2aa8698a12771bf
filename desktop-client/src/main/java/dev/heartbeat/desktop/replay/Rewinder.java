package dev.heartbeat.desktop.replay;

import dev.heartbeat.desktop.connection.RecordingsClient;
import dev.heartbeat.desktop.connection.RecordingsClient.LiveRecording;
import dev.heartbeat.desktop.state.ViewerEvent;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Going back in a live space's own recording while its connection stays open. The recording is read
 * by time range ({@link RecordingsClient#part}), a few minutes at a time, and played by a
 * {@link RecordingPlayer}; reaching the end of a part loads the next, reaching the present goes
 * live. Belongs to the FX thread: parts load on {@code loader} and come back through {@code fx}.
 */
public final class Rewinder {
    /** Recording time read at once. */
    public static final long PART_MS = 5 * 60_000;
    /** The recorder writes at least once a second: the last moment worth asking for is this far back. */
    static final long WRITE_LAG_MS = 1_500;
    /** A part starts this much early, so that a line still beating at its start shows the pulse. */
    static final long PULSE_LEAD_MS = 4_000;
    private static final int FIND_ATTEMPTS = 10;
    private static final long FIND_PAUSE_MS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(Rewinder.class);

    /** What the rewinder tells the window. */
    public interface Listener {
        /** A part is ready and plays from these events on (replacing what was shown while looking back). */
        void rewound(List<ViewerEvent> events);

        /** The present is reached, or asked for: show the live space again. */
        void live();

        /** The seek bar's picture of the whole recording, new or refreshed. */
        void overview(RecordingOverview overview);

        void failed(String why);
    }

    private final RecordingsClient client;
    private final Executor loader;
    private final Consumer<Runnable> fx;
    private final LongSupplier serverNow;
    private final Listener listener;
    private LiveRecording recording;
    private RecordingOverview overview;
    private RecordingPlayer player;
    private long partEnd;
    private boolean loading;
    /** Counts requests and "go live"s: a part that comes after a newer one, or after going live, is dropped. */
    private int generation;

    public Rewinder(RecordingsClient client, Executor loader, Consumer<Runnable> fx, LongSupplier serverNow, Listener listener) {
        this.client = client;
        this.loader = loader;
        this.fx = fx;
        this.serverNow = serverNow;
        this.listener = listener;
    }

    /** Looks for the space's recording in progress; quietly finds none on a server that does not record. */
    public void find(String space) {
        loader.execute(() -> {
            try {
                // The recorder opens the file just after the first viewer arrives, and its header reaches
                // the disk with the first flush (within a second): ask a few times.
                for (int attempt = 0; attempt < FIND_ATTEMPTS; attempt++) {
                    if (attempt > 0) Thread.sleep(FIND_PAUSE_MS);
                    Optional<LiveRecording> found = client.live(space);
                    if (found.isEmpty()) continue;
                    try {
                        RecordingOverview loaded = client.overview(found.get().id());
                        LiveRecording current = found.get();
                        fx.accept(() -> {
                            recording = current;
                            overview = loaded;
                            listener.overview(overview.reaching(edge()));
                        });
                        return;
                    } catch (IOException notYetWritten) {
                        LOG.debug("recording {} not readable yet: {}", found.get().id(), notYetWritten.getMessage());
                    }
                }
            } catch (Exception e) {
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                LOG.info("no recording to rewind in {}: {}", space, e.toString());
            }
        });
    }

    public boolean available() {
        return recording != null;
    }

    public boolean rewinding() {
        return player != null;
    }

    public Optional<LiveRecording> recording() {
        return Optional.ofNullable(recording);
    }

    public Optional<RecordingPlayer> player() {
        return Optional.ofNullable(player);
    }

    /** How far the recording reaches now, ms since it started. */
    public long edge() {
        return recording == null ? 0 : Math.max(0, serverNow.getAsLong() - recording.startedAt().toEpochMilli() - WRITE_LAG_MS);
    }

    /** The overview as it stands, stretched to the present. */
    public Optional<RecordingOverview> overview() {
        return Optional.ofNullable(overview).map(o -> o.reaching(edge()));
    }

    /** Goes back to {@code t} ms into the recording (from live, or to a moment outside the part played). */
    public void rewindTo(long t, long now) {
        if (recording == null) return;
        long edge = edge();
        if (t >= edge) {
            goLive();
            return;
        }
        long start = Math.max(0, t);
        double speed = player == null ? 1.0 : player.clock().speed();
        long from = Math.max(0, start - PULSE_LEAD_MS);
        long to = Math.min(edge, start + PART_MS);
        LiveRecording asked = recording;
        int request = ++generation;
        loading = true;
        loader.execute(() -> {
            try {
                var part = client.part(asked.id(), from, to);
                RecordingOverview fresh = client.overview(asked.id());
                fx.accept(() -> {
                    if (request != generation) return; // superseded, or live again meanwhile
                    loading = false;
                    if (asked != recording) return;
                    overview = fresh;
                    listener.overview(overview.reaching(edge()));
                    player = RecordingPlayer.part(asked.id(), part, to);
                    partEnd = to;
                    listener.rewound(player.startAt(start, speed, System.currentTimeMillis()));
                });
            } catch (Exception e) {
                LOG.warn("cannot read the recording {} from {} ms", asked.id(), from, e);
                fx.accept(() -> {
                    if (request != generation) return;
                    loading = false;
                    listener.failed("cannot read the recording: " + e.getMessage());
                });
            }
        });
    }

    /** ← : from live a few seconds back, while looking back a few more. */
    public void back(long ms, long now) {
        rewindTo((player == null ? edge() : player.position()) - ms, now);
    }

    public void goLive() {
        generation++;
        loading = false;
        player = null;
        listener.live();
    }

    /** A frame: the part's events up to now; at the part's end the next part, at the present live. */
    public List<ViewerEvent> advance(long now) {
        if (player == null) return List.of();
        List<ViewerEvent> events = player.advance(now);
        if (player.ended() && !loading) {
            if (partEnd >= edge() - WRITE_LAG_MS) goLive();
            else rewindTo(partEnd, now);
        }
        return events;
    }

    /** A control while looking back; a move outside the part played loads another part. */
    public List<ViewerEvent> apply(ReplayCommand command, long now) {
        if (player == null) return List.of();
        long position = player.position();
        Optional<Long> target = Optional.empty();
        if (command instanceof ReplayCommand.SeekTo seek) target = Optional.of(seek.t());
        else if (command instanceof ReplayCommand.SeekBy step) target = Optional.of(position + step.deltaMs());
        else if (command instanceof ReplayCommand.NextBurst) target = overview().flatMap(o -> o.nextBurst(position)).map(b -> b.start());
        else if (command instanceof ReplayCommand.PreviousBurst) {
            target = overview().flatMap(o -> o.previousBurst(position - RecordingPlayer.BURST_RESTART_MS)).map(b -> b.start());
        }
        if (target.isEmpty()) {
            boolean seeking = command instanceof ReplayCommand.SeekTo || command instanceof ReplayCommand.SeekBy
                    || command instanceof ReplayCommand.NextBurst || command instanceof ReplayCommand.PreviousBurst;
            return seeking ? List.of() : player.apply(command, now);
        }
        long t = target.get();
        if (t >= edge()) {
            goLive();
            return List.of();
        }
        if (t >= partStart() && t < partEnd) return player.apply(new ReplayCommand.SeekTo(t), now);
        rewindTo(t, now);
        return List.of();
    }

    private long partStart() {
        return player.timeline().entries().isEmpty() ? partEnd : player.timeline().entries().get(0).t() + PULSE_LEAD_MS;
    }
}
