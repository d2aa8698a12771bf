package dev.heartbeat.desktop.view;

import dev.heartbeat.desktop.state.ViewerState;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.MemberStatus;
import java.util.Locale;
import java.util.Optional;

/** The status bar's words for a state at a local time; pure, so the countdown is testable. */
public final class StatusText {
    private StatusText() {}

    public static String of(ViewerState state, long localTime) {
        return switch (state.phase()) {
            case IDLE -> "Not connected. File \u2192 Connect\u2026 opens a space.";
            case CONNECTING -> state.attempt() == 0
                    ? "Connecting to " + state.target() + "\u2026"
                    : "Connecting to " + state.target() + " (attempt " + (state.attempt() + 1) + ")\u2026";
            case ONLINE -> online(state);
            case RECONNECTING -> "Reconnecting in " + secondsUntil(state.retryAt(), localTime) + " s \u2014 "
                    + state.closeReason().orElse("the connection was lost");
            case DISCONNECTED -> "Disconnected \u2014 " + state.closeReason().orElse("closed");
            case REPLAY -> "Replaying " + state.target() + (state.space().isEmpty() ? "" : " (" + state.space() + ")")
                    + state.closeReason().or(() -> paused(state)).map(r -> " \u2014 " + r).orElse("");
        };
    }

    /** {@code 0:42 / 3:10}: where a replay is and how long the recording lasts. */
    public static String replayTime(long position, long duration) {
        return clock(position) + " / " + clock(duration);
    }

    /** {@code 0:42 · 1:10 ago}: where a rewind is in a live space's recording, and how far behind the present. */
    public static String rewindTime(long position, long edge) {
        return clock(position) + " \u00b7 " + clock(Math.max(0, edge - position)) + " ago";
    }

    /** The status bar while looking back in a live space, whose connection stays open. */
    public static String rewinding(ViewerState live, ViewerState shown) {
        String connected = live.phase() == dev.heartbeat.desktop.state.ConnectionPhase.ONLINE ? "still connected" : "connection: " + of(live, 0);
        String paused = shown.replay().filter(r -> !r.playing()).map(r -> ", paused").orElse("");
        return "Looking back in " + live.space() + paused + " \u2014 " + connected + "; End goes live";
    }

    /** {@code 75_000 -> "1:15"}, {@code 3_725_000 -> "1:02:05"}; whole seconds, rounded down. */
    public static String clock(long ms) {
        long total = Math.max(0, ms / 1000);
        long hours = total / 3600;
        long minutes = total % 3600 / 60;
        long seconds = total % 60;
        return hours > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, seconds) : String.format(Locale.ROOT, "%d:%02d", minutes, seconds);
    }

    /** {@code 0.25 -> "0.25×"}, {@code 2 -> "2×"}. */
    public static String speed(double speed) {
        String number = speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed);
        return number + "\u00d7";
    }

    /** The counts beside the status: lines in use and the queue. */
    public static String counts(ViewerState state) {
        String lines = state.capacity() > 0
                ? state.members().size() + " / " + state.capacity() + " lines"
                : state.members().size() + (state.members().size() == 1 ? " line" : " lines");
        return lines + " \u00b7 " + state.waiting() + " waiting";
    }

    private static String online(ViewerState state) {
        String name = state.you().map(Member::name).filter(n -> !n.isEmpty()).orElse("a viewer");
        if (state.status().orElse(null) == MemberStatus.WAITING) {
            return "Waiting #" + state.position() + " in " + state.space() + " as " + name + " \u2014 the space is full";
        }
        return "Active in " + state.space() + " as " + name + " \u2014 click or press Space to pulse";
    }

    private static Optional<String> paused(ViewerState state) {
        return state.replay().filter(r -> !r.playing()).map(r -> "paused");
    }

    /** Whole seconds, rounded up, so the countdown never shows 0 while still waiting. */
    static long secondsUntil(long at, long now) {
        return Math.max(0, (at - now + 999) / 1000);
    }
}
