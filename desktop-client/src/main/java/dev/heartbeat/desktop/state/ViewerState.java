package dev.heartbeat.desktop.state;

import dev.heartbeat.protocol.message.Limits;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.MemberStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the viewer shows at one moment, immutable. Only {@link ViewerReducer} makes new ones; the
 * view reads them and draws.
 *
 * @param phase       where the connection or recording stands
 * @param target      the socket address or the recording's file name; empty before anything opened
 * @param space       the space's name, empty before the welcome
 * @param you         this viewer's member (its line while active), empty before the welcome and in replay
 * @param status      active or waiting; empty before the welcome and in replay
 * @param position    place in the queue while waiting (1..n), else 0
 * @param capacity    how many lines the space holds, 0 when unknown
 * @param members     the active members in the order they became active
 * @param waiting     the queue length
 * @param lastPulse   each member's latest pulse, by id
 * @param clock       the estimate of server time
 * @param banner      the latest banner, visible for a few seconds after it arrived
 * @param closeReason why the last socket closed, in words; empty while nothing closed
 * @param retryAt     local time of the next attempt while reconnecting, else 0
 * @param attempt     how many attempts since the last welcome
 * @param limits      the server's limits from the welcome; empty before it
 * @param replay      where a recording's playback stands; empty unless one plays
 */
public record ViewerState(
        ConnectionPhase phase,
        String target,
        String space,
        Optional<Member> you,
        Optional<MemberStatus> status,
        int position,
        int capacity,
        List<Member> members,
        int waiting,
        Map<String, PulseMark> lastPulse,
        ServerClock clock,
        Optional<Banner> banner,
        Optional<String> closeReason,
        long retryAt,
        int attempt,
        Optional<Limits> limits,
        Optional<ReplayProgress> replay) {

    public static final ViewerState INITIAL = new ViewerState(ConnectionPhase.IDLE, "", "", Optional.empty(),
            Optional.empty(), 0, 0, List.of(), 0, Map.of(), ServerClock.LOCAL, Optional.empty(), Optional.empty(),
            0, 0, Optional.empty(), Optional.empty());

    public ViewerState {
        members = List.copyOf(members);
        lastPulse = Map.copyOf(lastPulse);
    }

    /** True while this viewer has a line it may pulse. */
    public boolean canPulse() {
        return phase == ConnectionPhase.ONLINE && you.isPresent() && status.orElse(null) == MemberStatus.ACTIVE;
    }

    /** True when {@code id} is this viewer's own line. */
    public boolean isYou(String id) {
        return you.map(m -> m.id().equals(id)).orElse(false);
    }

    public Optional<Member> member(String id) {
        return members.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    public Optional<PulseMark> lastPulseOf(String id) {
        return Optional.ofNullable(lastPulse.get(id));
    }

    public long serverTimeAt(long localTime) {
        return clock.serverTimeAt(localTime);
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** The reducer's scratch copy; never leaves this package. */
    static final class Builder {
        ConnectionPhase phase;
        String target;
        String space;
        Optional<Member> you;
        Optional<MemberStatus> status;
        int position;
        int capacity;
        List<Member> members;
        int waiting;
        Map<String, PulseMark> lastPulse;
        ServerClock clock;
        Optional<Banner> banner;
        Optional<String> closeReason;
        long retryAt;
        int attempt;
        Optional<Limits> limits;
        Optional<ReplayProgress> replay;

        private Builder(ViewerState s) {
            phase = s.phase;
            target = s.target;
            space = s.space;
            you = s.you;
            status = s.status;
            position = s.position;
            capacity = s.capacity;
            members = s.members;
            waiting = s.waiting;
            lastPulse = s.lastPulse;
            clock = s.clock;
            banner = s.banner;
            closeReason = s.closeReason;
            retryAt = s.retryAt;
            attempt = s.attempt;
            limits = s.limits;
            replay = s.replay;
        }

        ViewerState build() {
            return new ViewerState(phase, target, space, you, status, position, capacity, members, waiting, lastPulse,
                    clock, banner, closeReason, retryAt, attempt, limits, replay);
        }
    }
}
