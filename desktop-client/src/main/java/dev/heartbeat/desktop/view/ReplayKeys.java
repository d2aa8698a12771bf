package dev.heartbeat.desktop.view;

import dev.heartbeat.desktop.replay.RecordingPlayer;
import dev.heartbeat.desktop.replay.ReplayCommand;
import java.util.Optional;
import javafx.scene.input.KeyCode;

/**
 * The player's keys: Space play/pause, ←/→ five seconds, Shift+←/→ bursts, +/− speed, Home/End
 * (End, while looking back in a live space, goes live).
 * A pure mapping, so it is testable without a window.
 */
public final class ReplayKeys {
    private ReplayKeys() {}

    /** The command for a key pressed with or without Shift; empty for keys the player leaves alone. */
    public static Optional<ReplayCommand> command(KeyCode code, boolean shift) {
        ReplayCommand command = switch (code) {
            case SPACE, K -> new ReplayCommand.TogglePlay();
            case LEFT, KP_LEFT -> shift ? new ReplayCommand.PreviousBurst() : new ReplayCommand.SeekBy(-RecordingPlayer.SEEK_STEP_MS);
            case RIGHT, KP_RIGHT -> shift ? new ReplayCommand.NextBurst() : new ReplayCommand.SeekBy(RecordingPlayer.SEEK_STEP_MS);
            // '+' is Shift+= on many layouts, so = counts as + too.
            case PLUS, ADD, EQUALS -> new ReplayCommand.Faster();
            case MINUS, SUBTRACT -> new ReplayCommand.Slower();
            case HOME -> new ReplayCommand.SeekTo(0);
            case END -> new ReplayCommand.SeekTo(Long.MAX_VALUE);
            default -> null;
        };
        return Optional.ofNullable(command);
    }
}
