package dev.heartbeat.desktop.support;

import dev.heartbeat.desktop.state.PulseMark;
import dev.heartbeat.desktop.state.ViewerState;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.recording.Timeline;
import dev.heartbeat.protocol.recording.TimelineState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a viewer shows of a recording (members, queue, last pulses), to compare with {@link Timeline#stateAt}. */
public record ShownMoment(List<Member> members, int waiting, Map<String, PulseMark> lastPulse) {
    public static ShownMoment of(ViewerState state) {
        return new ShownMoment(state.members(), state.waiting(), state.lastPulse());
    }

    /** The timeline's state at {@code t}, with pulses on the server clock as the player stamps them. */
    public static ShownMoment of(Timeline timeline, long t) {
        TimelineState state = timeline.stateAt(t);
        long start = timeline.header().startedAt().toEpochMilli();
        Map<String, PulseMark> pulses = new HashMap<>();
        state.lastPulse().forEach((id, pulse) -> pulses.put(id, new PulseMark(start + pulse.t(), pulse.strength())));
        return new ShownMoment(state.members(), state.waiting(), Map.copyOf(pulses));
    }
}
