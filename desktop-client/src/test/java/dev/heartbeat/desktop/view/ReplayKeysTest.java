package dev.heartbeat.desktop.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.desktop.replay.ReplayCommand;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

class ReplayKeysTest {
    @Test
    void spacePlaysAndPauses() {
        assertThat(ReplayKeys.command(KeyCode.SPACE, false)).containsInstanceOf(ReplayCommand.TogglePlay.class);
    }

    @Test
    void arrowsStepFiveSecondsAndWithShiftJumpBetweenBursts() {
        assertThat(ReplayKeys.command(KeyCode.LEFT, false)).contains(new ReplayCommand.SeekBy(-5_000));
        assertThat(ReplayKeys.command(KeyCode.RIGHT, false)).contains(new ReplayCommand.SeekBy(5_000));
        assertThat(ReplayKeys.command(KeyCode.LEFT, true)).contains(new ReplayCommand.PreviousBurst());
        assertThat(ReplayKeys.command(KeyCode.RIGHT, true)).contains(new ReplayCommand.NextBurst());
    }

    @Test
    void plusAndMinusChangeTheSpeedOnEitherKeyboard() {
        for (KeyCode plus : new KeyCode[] {KeyCode.PLUS, KeyCode.ADD, KeyCode.EQUALS}) {
            assertThat(ReplayKeys.command(plus, true)).contains(new ReplayCommand.Faster());
        }
        for (KeyCode minus : new KeyCode[] {KeyCode.MINUS, KeyCode.SUBTRACT}) {
            assertThat(ReplayKeys.command(minus, false)).contains(new ReplayCommand.Slower());
        }
    }

    @Test
    void otherKeysAreLeftAlone() {
        assertThat(ReplayKeys.command(KeyCode.A, false)).isEmpty();
        assertThat(ReplayKeys.command(KeyCode.TAB, false)).isEmpty();
        assertThat(ReplayKeys.command(KeyCode.ENTER, false)).isEmpty();
    }
}
