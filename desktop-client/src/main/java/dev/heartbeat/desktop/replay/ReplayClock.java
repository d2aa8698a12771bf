package dev.heartbeat.desktop.replay;

import dev.heartbeat.protocol.recording.IdleStretch;
import java.util.List;

/**
 * A recording's playback time: where it is, whether it plays, how fast, and which quiet stretches
 * it shortens (like asciinema's idle time limit). Pure and immutable: real time comes in as the
 * milliseconds a frame took, so every rule here is testable without a clock or a window.
 */
public final class ReplayClock {
    /** The speeds offered, slowest first; 1 is real time. */
    public static final List<Double> SPEEDS = List.of(0.25, 0.5, 1.0, 2.0, 4.0, 8.0);
    /** With idle skipping on, a stretch without events plays for at most this much recorded time. */
    public static final long IDLE_LIMIT_MS = 2_000;

    private final long duration;
    private final List<IdleStretch> idle;
    // A double, so that slow speeds at short frames (0.25 x 16 ms) do not round away.
    private final double position;
    private final double speed;
    private final boolean playing;
    private final boolean skipIdle;

    private ReplayClock(long duration, List<IdleStretch> idle, double position, double speed, boolean playing,
            boolean skipIdle) {
        this.duration = duration;
        this.idle = idle;
        this.position = Math.min(duration, Math.max(0, position));
        this.speed = speed;
        // Nothing plays past the end: reaching it pauses.
        this.playing = playing && this.position < duration;
        this.skipIdle = skipIdle;
    }

    /**
     * Paused at the start, at real time, skipping idle stretches.
     *
     * @param idle the recording's stretches without events longer than {@link #IDLE_LIMIT_MS}, in order
     *             ({@code Timeline.idleStretches(IDLE_LIMIT_MS)})
     */
    public static ReplayClock of(long duration, List<IdleStretch> idle) {
        if (duration < 0) throw new IllegalArgumentException("duration must not be negative, was " + duration);
        return new ReplayClock(duration, List.copyOf(idle), 0, 1.0, false, true);
    }

    /** The recorded ms shown now, whole. */
    public long position() {
        return (long) Math.floor(position);
    }

    public long duration() {
        return duration;
    }

    public double speed() {
        return speed;
    }

    public boolean playing() {
        return playing;
    }

    public boolean skipIdle() {
        return skipIdle;
    }

    public boolean atEnd() {
        return position >= duration;
    }

    /** Plays on; at the end it starts again from the beginning. */
    public ReplayClock play() {
        return new ReplayClock(duration, idle, atEnd() ? 0 : position, speed, true, skipIdle);
    }

    public ReplayClock pause() {
        return new ReplayClock(duration, idle, position, speed, false, skipIdle);
    }

    public ReplayClock toggle() {
        return playing ? pause() : play();
    }

    /** To {@code t} ms, kept within the recording; playing or paused as before. */
    public ReplayClock seek(long t) {
        return new ReplayClock(duration, idle, t, speed, playing, skipIdle);
    }

    /** One of {@link #SPEEDS}; any other value leaves the speed as it is. */
    public ReplayClock withSpeed(double next) {
        if (!SPEEDS.contains(next)) return this;
        return new ReplayClock(duration, idle, position, next, playing, skipIdle);
    }

    /** The next speed up, or the fastest. */
    public ReplayClock faster() {
        return withSpeed(SPEEDS.get(Math.min(SPEEDS.size() - 1, SPEEDS.indexOf(speed) + 1)));
    }

    /** The next speed down, or the slowest. */
    public ReplayClock slower() {
        return withSpeed(SPEEDS.get(Math.max(0, SPEEDS.indexOf(speed) - 1)));
    }

    public ReplayClock withSkipIdle(boolean on) {
        return new ReplayClock(duration, idle, position, speed, playing, on);
    }

    /** On by {@code wallMs} of real time at the speed, when playing; reaching the end pauses. */
    public ReplayClock advance(long wallMs) {
        if (!playing || wallMs <= 0) return this;
        double next = position + wallMs * speed;
        if (skipIdle) {
            IdleStretch quiet = stretchAt(next);
            // Past the limit inside a long quiet stretch: go straight to where it ends.
            if (quiet != null && next < quiet.end() && next - quiet.start() > IDLE_LIMIT_MS) next = quiet.end();
        }
        return new ReplayClock(duration, idle, next, speed, true, skipIdle);
    }

    /** The last idle stretch that starts at or before {@code t}; stretches never overlap. */
    private IdleStretch stretchAt(double t) {
        int low = 0;
        int high = idle.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (idle.get(mid).start() <= t) low = mid + 1;
            else high = mid;
        }
        return low == 0 ? null : idle.get(low - 1);
    }
}
