package dev.heartbeat.desktop.state;

import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.ServerMessage;
import java.util.List;
import java.util.Map;

/**
 * Everything that changes what the viewer shows: messages from the server and what happened to
 * the connection or the recording. Each event carries the local time it happened at, so the
 * reducer stays a pure function.
 */
public sealed interface ViewerEvent {
    /** Local wall-clock time of the event, in milliseconds. */
    long at();

    /** A socket is being opened to {@code target}; {@code attempt} counts from 0 since the last welcome. */
    record Connecting(String target, int attempt, long at) implements ViewerEvent {}

    /** A frame from the server (or a recording line), decoded. */
    record Received(ServerMessage message, long at) implements ViewerEvent {}

    /** The socket closed; the next attempt starts at local time {@code retryAt}. */
    record ConnectionLost(int code, String reason, long retryAt, long at) implements ViewerEvent {}

    /** The socket closed and no attempt follows. */
    record Disconnected(int code, String reason, long at) implements ViewerEvent {}

    /** This viewer pulsed its own line; drawn at once rather than after a round trip. */
    record OwnPulse(double strength, long at) implements ViewerEvent {}

    /** A refusal to show to the user (for example: pulsing while waiting). */
    record Notice(String text, long at) implements ViewerEvent {}

    /**
     * A recording starts playing: {@code serverTime} is the server time of its first line, which is
     * drawn at local time {@code at}.
     */
    record ReplayStarted(String source, String space, int capacity, long serverTime, long at) implements ViewerEvent {}

    /** A recording's {@code snapshot} line: all active members and the queue length. */
    record ReplaySnapshot(List<Member> members, int waiting, long at) implements ViewerEvent {
        public ReplaySnapshot {
            members = List.copyOf(members);
        }
    }

    /**
     * The player moved to another moment (a seek, a burst jump, the start): the members, queue and
     * last pulses there replace all that was shown.
     */
    record ReplayJumped(List<Member> members, int waiting, Map<String, PulseMark> lastPulse, long at) implements ViewerEvent {
        public ReplayJumped {
            members = List.copyOf(members);
            lastPulse = Map.copyOf(lastPulse);
        }
    }

    /**
     * Where playback stands after a frame or a control: the recording's moment {@code serverTime}
     * is drawn at local time {@code at}, and the clock runs on at the speed while playing.
     */
    record ReplayProgressed(ReplayProgress progress, long serverTime, long at) implements ViewerEvent {}
}
