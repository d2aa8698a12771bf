package dev.heartbeat.desktop.replay;

import dev.heartbeat.desktop.state.ViewerEvent;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.protocol.message.ServerEvent;
import dev.heartbeat.protocol.recording.RecordingEntry;
import dev.heartbeat.protocol.recording.RecordingHeader;
import dev.heartbeat.protocol.recording.Snapshot;
import dev.heartbeat.protocol.recording.TimedEvent;
import dev.heartbeat.protocol.recording.Timeline;
import dev.heartbeat.protocol.recording.TimelineState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Plays a recording in real time as viewer events, so the live reducer and renderer show it. The
 * frame loop asks {@link #advance} for what happened since the last frame; nothing here has a
 * thread or a timer of its own. Pulses are re-stamped from the line's {@code t}, so the drawing's
 * clock and the recording's clock cannot drift apart.
 */
public final class RecordingPlayer {
    private final String source;
    private final Timeline timeline;
    private final long serverStart;
    private long startedAt = -1;
    /** The recording time (ms) up to which entries were handed out, inclusive. */
    private long position = -1;
    private boolean ended;

    private RecordingPlayer(String source, Timeline timeline) {
        this.source = source;
        this.timeline = timeline;
        this.serverStart = timeline.header().startedAt().toEpochMilli();
    }

    /** Reads the whole recording (plain or gzip); blocking, so call it off the FX thread. */
    public static RecordingPlayer load(Path file) throws IOException {
        return new RecordingPlayer(file.getFileName().toString(), Timeline.load(file));
    }

    public static RecordingPlayer of(String source, Timeline timeline) {
        return new RecordingPlayer(source, timeline);
    }

    public RecordingHeader header() {
        return timeline.header();
    }

    /** The recording's length in ms. */
    public long duration() {
        return timeline.duration();
    }

    /** Where playback is, in ms since the recording's start (0 before {@link #start}). */
    public long position() {
        return Math.max(0, position);
    }

    public boolean ended() {
        return ended;
    }

    /** Starts playing at local time {@code now}: the events that set up the recording's first moment. */
    public List<ViewerEvent> start(long now) {
        startedAt = now;
        position = 0;
        ended = false;
        RecordingHeader header = timeline.header();
        TimelineState first = timeline.stateAt(0);
        List<ViewerEvent> events = new ArrayList<>();
        events.add(new ViewerEvent.ReplayStarted(source, header.space(), header.capacity(), serverStart, now));
        events.add(new ViewerEvent.ReplaySnapshot(first.members(), first.waiting(), now));
        first.lastPulses().forEach((id, pulse) -> events.add(new ViewerEvent.Received(
                new Pulse(id, pulse.strength(), serverStart + pulse.t()), now)));
        if (timeline.duration() == 0) events.addAll(end(now));
        return events;
    }

    /** The events of the recording between the last call and local time {@code now}, in order. */
    public List<ViewerEvent> advance(long now) {
        if (startedAt < 0 || ended) return List.of();
        long target = Math.min(timeline.duration(), now - startedAt);
        if (target <= position) return List.of();
        List<ViewerEvent> events = new ArrayList<>();
        for (RecordingEntry entry : timeline.between(position + 1, target + 1)) events.add(toEvent(entry, now));
        position = target;
        if (position >= timeline.duration()) events.addAll(end(now));
        return events;
    }

    private List<ViewerEvent> end(long now) {
        ended = true;
        return List.of(new ViewerEvent.ReplayEnded(now));
    }

    private ViewerEvent toEvent(RecordingEntry entry, long now) {
        if (entry instanceof Snapshot snapshot) return new ViewerEvent.ReplaySnapshot(snapshot.members(), snapshot.waiting(), now);
        TimedEvent timed = (TimedEvent) entry;
        ServerEvent event = timed.event();
        if (event instanceof Pulse pulse) event = new Pulse(pulse.id(), pulse.strength(), serverStart + timed.t());
        return new ViewerEvent.Received(event, now);
    }
}
