package dev.heartbeat.desktop.replay;

import dev.heartbeat.desktop.state.PulseMark;
import dev.heartbeat.desktop.state.ReplayProgress;
import dev.heartbeat.desktop.state.ViewerEvent;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.protocol.message.ServerEvent;
import dev.heartbeat.protocol.recording.Burst;
import dev.heartbeat.protocol.recording.RecordingEntry;
import dev.heartbeat.protocol.recording.RecordingHeader;
import dev.heartbeat.protocol.recording.Snapshot;
import dev.heartbeat.protocol.recording.TimedEvent;
import dev.heartbeat.protocol.recording.Timeline;
import dev.heartbeat.protocol.recording.TimelineState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plays a recording as viewer events, so the live reducer and renderer show it. The frame loop asks
 * {@link #advance} for what happened since the last frame, the controls send {@link #apply commands};
 * nothing here has a thread or a timer of its own, and it belongs to the FX thread. Playing on, it
 * hands out the lines between two frames; every other move (seek, burst jump, restart) starts from
 * {@link Timeline#stateAt}, which costs the same anywhere in the file. Pulses are stamped from the
 * line's {@code t}, so the drawing's clock and the recording's clock cannot drift apart.
 */
public final class RecordingPlayer {
    /** "Previous burst" within this much after a burst's start goes to the one before. */
    public static final long BURST_RESTART_MS = 1_500;
    /** What ← and → move by. */
    public static final long SEEK_STEP_MS = 5_000;

    private final String source;
    private final Timeline timeline;
    private final long serverStart;
    private ReplayClock clock;
    /** The recording time (ms) up to which the shown state was built, inclusive; -1 before {@link #start}. */
    private long shown = -1;
    private long lastFrameAt;

    private RecordingPlayer(String source, Timeline timeline, long duration) {
        this.source = source;
        this.timeline = timeline;
        this.serverStart = timeline.header().startedAt().toEpochMilli();
        this.clock = ReplayClock.of(duration, timeline.idleStretches(ReplayClock.IDLE_LIMIT_MS));
    }

    /** Reads the whole recording (plain or gzip); blocking, so call it off the FX thread. */
    public static RecordingPlayer load(Path file) throws IOException {
        return of(file.getFileName().toString(), Timeline.load(file));
    }

    public static RecordingPlayer of(String source, Timeline timeline) {
        return new RecordingPlayer(source, timeline, timeline.duration());
    }

    /**
     * A part of a longer recording (the server's events by time range): it plays until {@code until}
     * ms into the recording, past its last line when the part's end was quiet.
     */
    public static RecordingPlayer part(String source, Timeline part, long until) {
        return new RecordingPlayer(source, part, Math.max(until, part.duration()));
    }

    public RecordingHeader header() {
        return timeline.header();
    }

    public Timeline timeline() {
        return timeline;
    }

    /** The recording's length in ms. */
    public long duration() {
        return timeline.duration();
    }

    /** Where playback is, in ms since the recording's start. */
    public long position() {
        return clock.position();
    }

    public ReplayClock clock() {
        return clock;
    }

    public boolean ended() {
        return clock.atEnd();
    }

    /** Starts playing from the beginning at local time {@code now}: the events that set up its first moment. */
    public List<ViewerEvent> start(long now) {
        return startAt(0, 1.0, now);
    }

    /** Starts playing from {@code t} ms at {@code speed}, at local time {@code now}. */
    public List<ViewerEvent> startAt(long t, double speed, long now) {
        RecordingHeader header = timeline.header();
        clock = clock.seek(t).withSpeed(speed).play();
        lastFrameAt = now;
        List<ViewerEvent> events = new ArrayList<>();
        events.add(new ViewerEvent.ReplayStarted(source, header.space(), header.capacity(), serverStart, now));
        events.add(jump(now));
        events.add(progress(now));
        return events;
    }

    /** The events of the recording between the last frame and local time {@code now}, in order. */
    public List<ViewerEvent> advance(long now) {
        if (shown < 0 || !clock.playing()) return List.of();
        catchUp(now);
        if (clock.position() == shown) return List.of();
        List<ViewerEvent> events = linesUpToClock(now);
        events.add(progress(now));
        return events;
    }

    /** Carries out what a control asked for at local time {@code now}. */
    public List<ViewerEvent> apply(ReplayCommand command, long now) {
        if (shown < 0) return List.of();
        catchUp(now);
        List<ViewerEvent> events = linesUpToClock(now);
        clock = next(command);
        if (clock.position() != shown) events.add(jump(now));
        events.add(progress(now));
        return events;
    }

    private ReplayClock next(ReplayCommand command) {
        // Java 17 baseline: instanceof chains instead of pattern switches.
        if (command instanceof ReplayCommand.TogglePlay) return clock.toggle();
        if (command instanceof ReplayCommand.SeekTo seek) return clock.seek(seek.t());
        if (command instanceof ReplayCommand.SeekBy step) return clock.seek(clock.position() + step.deltaMs());
        if (command instanceof ReplayCommand.NextBurst) return to(timeline.nextBurst(clock.position()));
        if (command instanceof ReplayCommand.PreviousBurst) return to(timeline.previousBurst(clock.position() - BURST_RESTART_MS));
        if (command instanceof ReplayCommand.Speed speed) return clock.withSpeed(speed.speed());
        if (command instanceof ReplayCommand.Faster) return clock.faster();
        if (command instanceof ReplayCommand.Slower) return clock.slower();
        if (command instanceof ReplayCommand.SkipIdle skip) return clock.withSkipIdle(skip.on());
        throw new IllegalArgumentException("unknown command " + command);
    }

    private ReplayClock to(Optional<Burst> burst) {
        return burst.map(b -> clock.seek(b.start())).orElse(clock);
    }

    /** Moves the clock on to {@code now}, so a control acts on the moment it was used. */
    private void catchUp(long now) {
        if (clock.playing()) clock = clock.advance(now - lastFrameAt);
        lastFrameAt = now;
    }

    /** The lines after the shown moment up to the clock's position, as events; the clock only moves forward here. */
    private List<ViewerEvent> linesUpToClock(long now) {
        List<ViewerEvent> events = new ArrayList<>();
        long target = clock.position();
        if (target <= shown) return events;
        for (RecordingEntry entry : timeline.between(shown + 1, target + 1)) events.add(toEvent(entry, now));
        shown = target;
        return events;
    }

    /** The whole state at the clock's position, from the timeline's nearest checkpoint. */
    private ViewerEvent jump(long now) {
        shown = clock.position();
        TimelineState state = timeline.stateAt(shown);
        Map<String, PulseMark> pulses = new HashMap<>();
        state.lastPulse().forEach((id, pulse) -> pulses.put(id, new PulseMark(serverStart + pulse.t(), pulse.strength())));
        return new ViewerEvent.ReplayJumped(state.members(), state.waiting(), pulses, now);
    }

    private ViewerEvent progress(long now) {
        ReplayProgress progress = new ReplayProgress(clock.position(), clock.duration(), clock.speed(), clock.playing(),
                clock.skipIdle());
        return new ViewerEvent.ReplayProgressed(progress, serverStart + clock.position(), now);
    }

    private ViewerEvent toEvent(RecordingEntry entry, long now) {
        if (entry instanceof Snapshot snapshot) return new ViewerEvent.ReplaySnapshot(snapshot.members(), snapshot.waiting(), now);
        TimedEvent timed = (TimedEvent) entry;
        ServerEvent event = timed.event();
        if (event instanceof Pulse pulse) event = new Pulse(pulse.id(), pulse.strength(), serverStart + timed.t());
        return new ViewerEvent.Received(event, now);
    }
}
