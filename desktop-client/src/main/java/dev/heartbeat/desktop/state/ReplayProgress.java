package dev.heartbeat.desktop.state;

/**
 * Where a recording's playback stands, for the player's controls to show.
 *
 * @param position ms since the recording's start that the state shows
 * @param duration the recording's length in ms
 * @param speed    how many recorded ms play per real ms (0.25 to 8)
 * @param playing  true while time moves on; false when paused or at the end
 * @param skipIdle true when quiet stretches are shortened
 */
public record ReplayProgress(long position, long duration, double speed, boolean playing, boolean skipIdle) {
    public boolean ended() {
        return position >= duration;
    }
}
