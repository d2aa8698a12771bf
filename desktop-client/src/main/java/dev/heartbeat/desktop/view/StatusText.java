package dev.heartbeat.desktop.view;

import dev.heartbeat.desktop.state.ViewerState;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.MemberStatus;

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
                    + state.closeReason().map(r -> " \u2014 " + r).orElse("");
        };
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

    /** Whole seconds, rounded up, so the countdown never shows 0 while still waiting. */
    static long secondsUntil(long at, long now) {
        return Math.max(0, (at - now + 999) / 1000);
    }
}
