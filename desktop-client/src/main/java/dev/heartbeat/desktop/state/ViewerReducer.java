package dev.heartbeat.desktop.state;

import dev.heartbeat.protocol.message.Announce;
import dev.heartbeat.protocol.message.Batch;
import dev.heartbeat.protocol.message.ErrorEvent;
import dev.heartbeat.protocol.message.Join;
import dev.heartbeat.protocol.message.Leave;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.MemberStatus;
import dev.heartbeat.protocol.message.Pong;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.protocol.message.Rename;
import dev.heartbeat.protocol.message.ServerEvent;
import dev.heartbeat.protocol.message.ServerMessage;
import dev.heartbeat.protocol.message.StatusChange;
import dev.heartbeat.protocol.message.WaitingCount;
import dev.heartbeat.protocol.message.Welcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The only place a {@link ViewerState} changes: {@code (state, event) -> state}, pure and total. */
public final class ViewerReducer {
    private ViewerReducer() {}

    public static ViewerState reduce(ViewerState state, ViewerEvent event) {
        ViewerState.Builder next = state.toBuilder();
        apply(next, event);
        return next.build();
    }

    /** Several events in order, built into one new state. */
    public static ViewerState reduceAll(ViewerState state, List<? extends ViewerEvent> events) {
        ViewerState.Builder next = state.toBuilder();
        for (ViewerEvent event : events) apply(next, event);
        return next.build();
    }

    // Java 17 baseline: instanceof chains instead of pattern switches.
    private static void apply(ViewerState.Builder s, ViewerEvent event) {
        if (event instanceof ViewerEvent.Connecting c) {
            s.phase = ConnectionPhase.CONNECTING;
            s.target = c.target();
            s.attempt = c.attempt();
            s.retryAt = 0;
        } else if (event instanceof ViewerEvent.Received r) {
            receive(s, r.message(), r.at());
        } else if (event instanceof ViewerEvent.ConnectionLost lost) {
            s.phase = ConnectionPhase.RECONNECTING;
            s.closeReason = Optional.of(lost.reason());
            s.retryAt = lost.retryAt();
        } else if (event instanceof ViewerEvent.Disconnected d) {
            s.phase = ConnectionPhase.DISCONNECTED;
            s.closeReason = Optional.of(d.reason());
            s.retryAt = 0;
        } else if (event instanceof ViewerEvent.OwnPulse own) {
            if (s.build().canPulse()) {
                Member you = s.you.orElseThrow();
                s.lastPulse = with(s.lastPulse, you.id(), new PulseMark(s.clock.serverTimeAt(own.at()), own.strength()));
            }
        } else if (event instanceof ViewerEvent.Notice notice) {
            s.banner = Optional.of(new Banner(notice.text(), Banner.Kind.NOTICE, notice.at()));
        } else if (event instanceof ViewerEvent.ReplayStarted replay) {
            s.phase = ConnectionPhase.REPLAY;
            s.target = replay.source();
            s.space = replay.space();
            s.capacity = replay.capacity();
            s.you = Optional.empty();
            s.status = Optional.empty();
            s.position = 0;
            s.members = List.of();
            s.waiting = 0;
            s.lastPulse = Map.of();
            s.clock = ServerClock.anchored(replay.serverTime(), replay.at());
            s.closeReason = Optional.empty();
            s.banner = Optional.empty();
            s.retryAt = 0;
            s.attempt = 0;
            s.limits = Optional.empty();
            s.replay = Optional.empty();
        } else if (event instanceof ViewerEvent.ReplaySnapshot snapshot) {
            s.members = snapshot.members();
            s.waiting = snapshot.waiting();
            s.lastPulse = retainMembers(s.lastPulse, snapshot.members());
        } else if (event instanceof ViewerEvent.ReplayJumped jump) {
            s.members = jump.members();
            s.waiting = jump.waiting();
            s.lastPulse = jump.lastPulse();
        } else if (event instanceof ViewerEvent.ReplayProgressed moved) {
            ReplayProgress progress = moved.progress();
            s.replay = Optional.of(progress);
            // Paused, the clock stands still, so the drawing holds the moment instead of fading it.
            s.clock = ServerClock.replay(moved.serverTime(), moved.at(), progress.playing() ? progress.speed() : 0);
            s.closeReason = progress.ended() ? Optional.of("the recording ended") : Optional.empty();
        }
    }

    private static void receive(ViewerState.Builder s, ServerMessage message, long at) {
        if (message instanceof Welcome w) {
            welcome(s, w, at);
        } else if (message instanceof Batch b) {
            for (ServerEvent e : b.events()) receive(s, e, at);
        } else if (message instanceof Join j) {
            s.members = upsert(s.members, j.member());
        } else if (message instanceof Leave l) {
            s.members = s.members.stream().filter(m -> !m.id().equals(l.id())).toList();
            s.lastPulse = without(s.lastPulse, l.id());
        } else if (message instanceof Rename r) {
            if (s.members.stream().anyMatch(m -> m.id().equals(r.member().id()))) {
                s.members = upsert(s.members, r.member());
            }
            if (s.you.map(y -> y.id().equals(r.member().id())).orElse(false)) s.you = Optional.of(r.member());
        } else if (message instanceof Pulse p) {
            // A pulse of a line nobody here draws (it left meanwhile) has nothing to shape.
            if (s.members.stream().anyMatch(m -> m.id().equals(p.id()))) {
                s.lastPulse = with(s.lastPulse, p.id(), new PulseMark(p.at(), p.strength()));
            }
        } else if (message instanceof StatusChange change) {
            status(s, change);
        } else if (message instanceof WaitingCount w) {
            s.waiting = w.count();
        } else if (message instanceof Announce a) {
            s.banner = Optional.of(new Banner(a.text(), Banner.Kind.ANNOUNCE, at));
        } else if (message instanceof Pong pong) {
            s.clock = s.clock.withPong(pong.t(), pong.serverTime(), at);
        } else if (message instanceof ErrorEvent error) {
            s.banner = Optional.of(new Banner(errorWords(error), Banner.Kind.NOTICE, at));
        }
    }

    private static void welcome(ViewerState.Builder s, Welcome w, long at) {
        s.phase = ConnectionPhase.ONLINE;
        s.space = w.space();
        s.you = Optional.of(w.you());
        s.status = Optional.of(w.status());
        s.position = w.status() == MemberStatus.WAITING ? w.position() : 0;
        s.capacity = w.capacity();
        s.members = w.members();
        s.waiting = w.waiting();
        s.lastPulse = retainMembers(s.lastPulse, w.members());
        s.clock = ServerClock.fromWelcome(w.serverTime(), at);
        s.limits = Optional.of(w.limits());
        s.closeReason = Optional.empty();
        s.retryAt = 0;
        s.attempt = 0;
    }

    private static void status(ViewerState.Builder s, StatusChange change) {
        s.status = Optional.of(change.status());
        s.position = change.status() == MemberStatus.WAITING ? change.position() : 0;
        if (s.you.isEmpty()) return;
        Member you = s.you.get();
        // The join for our own line may come before or after this; either way the line is there once.
        if (change.status() == MemberStatus.ACTIVE) {
            s.members = upsert(s.members, you);
        } else {
            s.members = s.members.stream().filter(m -> !m.id().equals(you.id())).toList();
        }
    }

    private static String errorWords(ErrorEvent error) {
        return switch (error.code()) {
            case RATE_LIMITED -> "Slow down: too many pulses";
            case NOT_ACTIVE -> "You can pulse once you have a line";
            case TOO_BIG -> "The server refused a message as too big";
            case BAD_MESSAGE -> "The server refused a message: " + error.message();
        };
    }

    private static List<Member> upsert(List<Member> members, Member member) {
        List<Member> next = new ArrayList<>(members.size() + 1);
        boolean replaced = false;
        for (Member m : members) {
            if (m.id().equals(member.id())) {
                next.add(member);
                replaced = true;
            } else {
                next.add(m);
            }
        }
        if (!replaced) next.add(member);
        return next;
    }

    private static Map<String, PulseMark> with(Map<String, PulseMark> lastPulse, String id, PulseMark mark) {
        Map<String, PulseMark> next = new HashMap<>(lastPulse);
        next.put(id, mark);
        return next;
    }

    private static Map<String, PulseMark> without(Map<String, PulseMark> lastPulse, String id) {
        if (!lastPulse.containsKey(id)) return lastPulse;
        Map<String, PulseMark> next = new HashMap<>(lastPulse);
        next.remove(id);
        return next;
    }

    private static Map<String, PulseMark> retainMembers(Map<String, PulseMark> lastPulse, List<Member> members) {
        Map<String, PulseMark> next = new HashMap<>();
        for (Member m : members) {
            PulseMark mark = lastPulse.get(m.id());
            if (mark != null) next.put(m.id(), mark);
        }
        return next;
    }
}
