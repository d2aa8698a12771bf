package dev.heartbeat.desktop.replay;

/** What the player's controls and keys ask for; {@link RecordingPlayer#apply} carries it out. */
public sealed interface ReplayCommand {
    /** Play if paused (from the start if at the end), else pause. */
    record TogglePlay() implements ReplayCommand {}

    /** To {@code t} ms since the recording's start. */
    record SeekTo(long t) implements ReplayCommand {}

    /** Forward ({@code deltaMs > 0}) or back by {@code deltaMs}. */
    record SeekBy(long deltaMs) implements ReplayCommand {}

    /** To the start of the first burst after now. */
    record NextBurst() implements ReplayCommand {}

    /** To the start of the burst before now (the one before that just after a burst's start). */
    record PreviousBurst() implements ReplayCommand {}

    /** One of {@link ReplayClock#SPEEDS}. */
    record Speed(double speed) implements ReplayCommand {}

    record Faster() implements ReplayCommand {}

    record Slower() implements ReplayCommand {}

    /** Back to the present of a live space, from looking back in its recording. */
    record GoLive() implements ReplayCommand {}

    /** Shorten quiet stretches to {@link ReplayClock#IDLE_LIMIT_MS}, or play them whole. */
    record SkipIdle(boolean on) implements ReplayCommand {}
}
