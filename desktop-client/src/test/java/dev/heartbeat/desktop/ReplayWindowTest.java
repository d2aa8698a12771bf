package dev.heartbeat.desktop;

import static dev.heartbeat.desktop.support.Fx.WAIT;
import static dev.heartbeat.desktop.support.Fx.fx;
import static dev.heartbeat.desktop.support.Fx.waitUntil;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.desktop.state.ConnectionPhase;
import dev.heartbeat.desktop.state.ReplayProgress;
import dev.heartbeat.desktop.state.ViewerState;
import dev.heartbeat.desktop.support.Evening;
import dev.heartbeat.desktop.support.ShownMoment;
import dev.heartbeat.desktop.support.TestServer;
import dev.heartbeat.desktop.view.Theme;
import dev.heartbeat.protocol.recording.Timeline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.prefs.Preferences;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The recording player's controls, headless: a recording written by the project's writer, opened with --replay. */
class ReplayWindowTest {

    @TempDir
    Path folder;
    private final FxRobot robot = new FxRobot();
    private ViewerApp app;
    private Timeline timeline;
    private TestServer server;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void openTheEvening() throws Exception {
        Path file = Evening.write(folder);
        timeline = Timeline.load(file);
        Preferences node = Preferences.userRoot().node("dev/heartbeat/desktop-replay-test");
        node.clear();
        ViewerOptions options = new ViewerOptions(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(file), Optional.of(Theme.DARK));
        app = (ViewerApp) FxToolkit.setupApplication(() -> new ViewerApp(options, new ViewerPreferences(node)));
        waitUntil(() -> state().phase() == ConnectionPhase.REPLAY && state().replay().isPresent());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (app != null) FxToolkit.cleanupApplication(app);
        if (server != null) server.close();
    }

    @Test
    void aRecordingOpensPlayingWithItsControlsTimeAndDuration() throws Exception {
        assertThat(fx(() -> robot.lookup("#replay-bar").query().isVisible())).isTrue();
        assertThat(progress().duration()).isEqualTo(Evening.DURATION);
        assertThat(progress().playing()).isTrue();
        assertThat(progress().skipIdle()).isTrue();
        assertThat(fx(() -> robot.lookup("#replay-skip-idle").queryAs(CheckBox.class).isSelected())).isTrue();
        waitUntil(() -> fx(() -> text("#replay-time")).endsWith(" / 0:45"));
        waitUntil(() -> state().members().size() == 2);
        assertThat(fx(() -> robot.lookup("#replay-play").queryAs(Button.class).getText())).isEqualTo("Pause");
        assertThat(fx(() -> text("#status"))).startsWith("Replaying evening.hbrec (evening)");
    }

    @Test
    void thePlayButtonAndSpacePauseAndPlay() throws Exception {
        robot.clickOn("#replay-play");
        waitUntil(() -> !progress().playing());
        long pausedAt = progress().position();
        assertThat(fx(() -> robot.lookup("#replay-play").queryAs(Button.class).getText())).isEqualTo("Play");
        assertThat(fx(() -> text("#status"))).endsWith("paused");
        Thread.sleep(300);
        assertThat(progress().position()).isEqualTo(pausedAt);
        assertShowsTheTimelineAtItsPosition();

        robot.press(KeyCode.SPACE).release(KeyCode.SPACE);
        waitUntil(() -> progress().playing() && progress().position() > pausedAt);
        robot.press(KeyCode.SPACE).release(KeyCode.SPACE);
        waitUntil(() -> !progress().playing());
    }

    @Test
    void clickingTheSeekBarShowsTheTimelinesStateThere() throws Exception {
        pause();
        robot.clickOn(onTrack(0.3));
        waitUntil(() -> Math.abs(progress().position() - 0.3 * Evening.DURATION) < 0.05 * Evening.DURATION);
        assertShowsTheTimelineAtItsPosition();
        assertThat(state().members()).containsExactly(Evening.ADA, Evening.BO, Evening.CY);

        // Back, to a moment before Cy joined and before most pulses: nothing later may remain.
        robot.clickOn(onTrack(0.04));
        waitUntil(() -> progress().position() < 0.1 * Evening.DURATION);
        assertShowsTheTimelineAtItsPosition();
        assertThat(state().members()).doesNotContain(Evening.CY);
    }

    @Test
    void settingTheSliderSeeksAndArrowsStepFiveSeconds() throws Exception {
        pause();
        robot.interact(() -> robot.lookup("#replay-seek").queryAs(Slider.class).setValue(42_500));
        waitUntil(() -> progress().position() == 42_500);
        assertShowsTheTimelineAtItsPosition();
        assertThat(state().members()).containsExactly(Evening.ADA, Evening.CY);

        robot.press(KeyCode.LEFT).release(KeyCode.LEFT);
        waitUntil(() -> progress().position() == 37_500);
        assertShowsTheTimelineAtItsPosition();
        assertThat(fx(() -> text("#replay-time"))).isEqualTo("0:37 / 0:45");
        assertThat(fx(() -> robot.lookup("#replay-seek").queryAs(Slider.class).getValue())).isEqualTo(37_500.0);
    }

    @Test
    void nextBurstJumpsToTheBurstsStartAndShiftArrowsToo() throws Exception {
        pause();
        robot.clickOn("#replay-next-burst");
        waitUntil(() -> progress().position() == Evening.FIRST_BURST);
        assertShowsTheTimelineAtItsPosition();

        robot.press(KeyCode.SHIFT).press(KeyCode.RIGHT).release(KeyCode.RIGHT).release(KeyCode.SHIFT);
        waitUntil(() -> progress().position() == Evening.SECOND_BURST);
        assertShowsTheTimelineAtItsPosition();
        waitUntil(() -> fx(() -> robot.lookup("#replay-next-burst").query().isDisabled()));

        robot.clickOn("#replay-previous-burst");
        waitUntil(() -> progress().position() == Evening.FIRST_BURST);
    }

    @Test
    void speedChangesFromTheChoiceAndFromPlusAndMinus() throws Exception {
        robot.press(KeyCode.ADD).release(KeyCode.ADD);
        waitUntil(() -> progress().speed() == 2.0);
        assertThat(fx(() -> speedChoice().getValue())).isEqualTo(2.0);
        robot.press(KeyCode.SUBTRACT).release(KeyCode.SUBTRACT);
        robot.press(KeyCode.SUBTRACT).release(KeyCode.SUBTRACT);
        waitUntil(() -> progress().speed() == 0.5);

        robot.interact(() -> speedChoice().setValue(8.0));
        waitUntil(() -> progress().speed() == 8.0);
        // At 8x the 45 s recording (its quiet stretch shortened) is over within a few seconds.
        waitUntil(() -> progress().ended());
        assertThat(fx(() -> text("#status"))).endsWith("the recording ended");
        assertShowsTheTimelineAtItsPosition();
    }

    @Test
    void skippingIdleShortensTheQuietStretchAndTheToggleTurnsItOff() throws Exception {
        pause();
        robot.interact(() -> speedChoice().setValue(8.0));
        seekTo(Evening.QUIET_FROM);
        long started = System.nanoTime();
        robot.clickOn("#replay-play");
        // 30 quiet seconds at 8x would take 3.75 s; capped at 2 s of recording they take a quarter of one.
        waitUntil(() -> progress().position() >= Evening.QUIET_TO);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(3_000));

        pause();
        robot.clickOn("#replay-skip-idle");
        waitUntil(() -> !progress().skipIdle());
        seekTo(Evening.QUIET_FROM);
        robot.clickOn("#replay-play");
        Thread.sleep(1_200);
        long position = progress().position();
        assertThat(position).as("still inside the quiet stretch, past the 2 s limit")
                .isGreaterThan(Evening.QUIET_FROM + 2_000).isLessThan(Evening.QUIET_TO);
    }

    @Test
    void connectingReturnsToLiveAndEndsThePlayer() throws Exception {
        server = TestServer.start(5);
        WaitForAsyncUtils.asyncFx(() -> app.connectTo(dev.heartbeat.desktop.connection.SpaceAddress.parse(server.url(), "lobby", "Ada")));
        waitUntil(() -> state().phase() == ConnectionPhase.ONLINE);
        assertThat(state().replay()).isEmpty();
        assertThat(fx(() -> app.player().isPresent())).isFalse();
        // The player's controls are gone; once the space's own recording is found the bar is back
        // for rewinding, with the present at its end.
        waitUntil(() -> fx(() -> !robot.lookup("#replay-bar").query().isVisible() || "Live".equals(text("#replay-time"))));
        // Space pulses again once the player is gone.
        robot.press(KeyCode.SPACE).release(KeyCode.SPACE);
        waitUntil(() -> state().lastPulseOf(state().you().orElseThrow().id()).isPresent());
    }

    // --- helpers

    private void assertShowsTheTimelineAtItsPosition() throws Exception {
        ViewerState shown = fx(this::state);
        long position = shown.replay().orElseThrow().position();
        assertThat(ShownMoment.of(shown)).as("at %d ms", position).isEqualTo(ShownMoment.of(timeline, position));
    }

    private void pause() throws Exception {
        if (progress().playing()) robot.clickOn("#replay-play");
        waitUntil(() -> !progress().playing());
    }

    private void seekTo(long t) throws Exception {
        robot.interact(() -> robot.lookup("#replay-seek").queryAs(Slider.class).setValue(t));
        waitUntil(() -> progress().position() == t);
    }

    /** The screen point {@code fraction} of the way along the seek slider's track. */
    private Point2D onTrack(double fraction) throws Exception {
        return fx(() -> {
            Node track = robot.lookup("#replay-seek").queryAs(Slider.class).lookup(".track");
            Bounds b = track.localToScreen(track.getBoundsInLocal());
            return new Point2D(b.getMinX() + fraction * b.getWidth(), b.getCenterY());
        });
    }

    @SuppressWarnings("unchecked")
    private ChoiceBox<Double> speedChoice() {
        return (ChoiceBox<Double>) robot.lookup("#replay-speed").query();
    }

    private ViewerState state() {
        return app.store().state();
    }

    private ReplayProgress progress() {
        return state().replay().orElseThrow();
    }

    private String text(String id) {
        return ((Label) robot.lookup(id).query()).getText();
    }

}
