package dev.heartbeat.protocol.recording;

import dev.heartbeat.protocol.message.Join;
import dev.heartbeat.protocol.message.Leave;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.protocol.message.Rename;
import dev.heartbeat.protocol.message.ServerEvent;
import dev.heartbeat.protocol.message.WaitingCount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reducer of a recording: a space's visible state, changed one entry at a time. A snapshot
 * replaces members and queue (it is the truth, even if lines were lost before it); join, leave,
 * rename and waiting change them; a pulse of an active member becomes its last pulse; other
 * events change nothing. Mutable and not thread-safe, so that applying an event is cheap; take an
 * immutable {@link #toState} to share.
 */
public final class SpaceState {
    private final LinkedHashMap<String, Member> members = new LinkedHashMap<>();
    private final HashMap<String, LastPulse> lastPulse = new HashMap<>();
    private int waiting;

    public SpaceState() {}

    /** Starts from an earlier state, e.g. one a {@link Timeline} kept. */
    public SpaceState(TimelineState state) {
        state.members().forEach(member -> members.put(member.id(), member));
        lastPulse.putAll(state.lastPulse());
        waiting = state.waiting();
    }

    public void apply(RecordingEntry entry) {
        if (entry instanceof TimedEvent timed) {
            apply(timed.t(), timed.event());
        } else if (entry instanceof Snapshot snapshot) {
            reset(snapshot.members(), snapshot.waiting());
        }
    }

    public void apply(long t, ServerEvent event) {
        if (event instanceof Pulse pulse) {
            if (members.containsKey(pulse.id())) lastPulse.put(pulse.id(), new LastPulse(t, pulse.strength()));
        } else if (event instanceof Join join) {
            members.put(join.member().id(), join.member());
        } else if (event instanceof Leave leave) {
            members.remove(leave.id());
            lastPulse.remove(leave.id());
        } else if (event instanceof Rename rename) {
            members.computeIfPresent(rename.member().id(), (id, old) -> rename.member());
        } else if (event instanceof WaitingCount count) {
            waiting = count.count();
        }
    }

    /** Members and queue as a snapshot says; last pulses of members still present are kept. */
    public void reset(List<Member> active, int waitingCount) {
        members.clear();
        active.forEach(member -> members.put(member.id(), member));
        lastPulse.keySet().retainAll(members.keySet());
        waiting = waitingCount;
    }

    /** The active members in the order their lines appeared; a copy. */
    public List<Member> members() {
        return new ArrayList<>(members.values());
    }

    public int waiting() {
        return waiting;
    }

    public int memberCount() {
        return members.size();
    }

    public Map<String, LastPulse> lastPulse() {
        return Map.copyOf(lastPulse);
    }

    public TimelineState toState(long t) {
        return new TimelineState(t, members(), waiting, lastPulse);
    }
}
