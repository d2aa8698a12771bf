package dev.heartbeat.desktop.view;

import dev.heartbeat.desktop.replay.RecordingOverview;
import dev.heartbeat.desktop.replay.ReplayClock;
import dev.heartbeat.desktop.replay.ReplayCommand;
import dev.heartbeat.desktop.state.ConnectionPhase;
import dev.heartbeat.desktop.state.ReplayProgress;
import dev.heartbeat.desktop.state.ViewerState;
import dev.heartbeat.protocol.recording.Timeline;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The player's controls, shown while a recording plays: play/pause, burst jumps, speed, idle
 * skipping, time and duration, and the {@link SeekBar}. It reads {@link ViewerState#replay()} and
 * turns what the user does into {@link ReplayCommand}s; it never moves the playback itself.
 */
public final class ReplayBar extends VBox {
    private final Consumer<ReplayCommand> commands;
    private final Button play = new Button("Pause");
    private final Button previousBurst = new Button("\u00ab Burst");
    private final Button nextBurst = new Button("Burst \u00bb");
    private final ChoiceBox<Double> speed = new ChoiceBox<>(FXCollections.observableArrayList(ReplayClock.SPEEDS));
    private final CheckBox skipIdle = new CheckBox("Skip idle");
    private final Label time = new Label("0:00 / 0:00");
    private final SeekBar seekBar;
    private final Button goLive = new Button("Go live");
    private RecordingOverview timeline;
    private boolean live;
    private boolean showing;

    public ReplayBar(Theme theme, Consumer<ReplayCommand> commands) {
        this.commands = commands;
        this.seekBar = new SeekBar(theme, t -> commands.accept(new ReplayCommand.SeekTo(t)));
        setId("replay-bar");
        getStyleClass().add("replay-bar");

        play.setId("replay-play");
        play.setTooltip(new Tooltip("Play or pause (Space)"));
        play.setOnAction(e -> commands.accept(new ReplayCommand.TogglePlay()));
        previousBurst.setId("replay-previous-burst");
        previousBurst.setTooltip(new Tooltip("Previous burst of pulses (Shift+\u2190)"));
        previousBurst.setOnAction(e -> commands.accept(new ReplayCommand.PreviousBurst()));
        nextBurst.setId("replay-next-burst");
        nextBurst.setTooltip(new Tooltip("Next burst of pulses (Shift+\u2192)"));
        nextBurst.setOnAction(e -> commands.accept(new ReplayCommand.NextBurst()));

        speed.setId("replay-speed");
        speed.setTooltip(new Tooltip("Playback speed (+ and \u2212)"));
        speed.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double value) {
                return value == null ? "" : StatusText.speed(value);
            }

            @Override
            public Double fromString(String text) {
                return Double.valueOf(text.replace("\u00d7", ""));
            }
        });
        speed.setValue(1.0);
        speed.valueProperty().addListener((obs, old, value) -> {
            if (!showing && value != null) commands.accept(new ReplayCommand.Speed(value));
        });
        Label speedLabel = new Label("Speed");
        speedLabel.setLabelFor(speed);

        skipIdle.setId("replay-skip-idle");
        skipIdle.setSelected(true);
        skipIdle.setTooltip(new Tooltip("Play quiet stretches for at most " + ReplayClock.IDLE_LIMIT_MS / 1000 + " s"));
        skipIdle.selectedProperty().addListener((obs, old, on) -> {
            if (!showing) commands.accept(new ReplayCommand.SkipIdle(on));
        });

        goLive.setId("replay-go-live");
        goLive.setTooltip(new Tooltip("Back to the present (End)"));
        goLive.setOnAction(e -> commands.accept(new ReplayCommand.GoLive()));
        goLive.setVisible(false);
        goLive.setManaged(false);

        time.setId("replay-time");
        time.getStyleClass().add("replay-time");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(play, previousBurst, nextBurst, speedLabel, speed, skipIdle, gap, time, goLive);
        buttons.getStyleClass().add("replay-row");
        getChildren().addAll(buttons, seekBar);
        setActive(false);
    }

    public SeekBar seekBar() {
        return seekBar;
    }

    /** A new recording file: the seek bar's length and density strip. */
    public void load(Timeline recording) {
        live = false;
        load(RecordingOverview.of(recording));
    }

    /**
     * A live space's recording, to rewind in: the bar shows while live too (the present at the seek
     * bar's right end) and gains "Go live". Called again as the recording grows.
     */
    public void loadLive(RecordingOverview recording) {
        live = true;
        load(recording);
    }

    /** Live again without a recording to rewind in (another space, or a file). */
    public void forgetLive() {
        live = false;
        timeline = null;
    }

    private void load(RecordingOverview recording) {
        timeline = recording;
        seekBar.load(recording);
        goLive.setVisible(live);
        goLive.setManaged(live);
    }

    public void setTheme(Theme theme) {
        seekBar.setTheme(theme);
    }

    /** True while a recording plays, so the window's keys drive the player. */
    public boolean isActive() {
        return isVisible();
    }

    /**
     * FX thread, after every change: the controls as {@code state} says; hidden unless a recording
     * plays or a live space can be rewound.
     */
    public void show(ViewerState state) {
        Optional<ReplayProgress> replay = state.replay().filter(r -> state.phase() == ConnectionPhase.REPLAY);
        boolean rewindable = live && timeline != null && state.phase() == ConnectionPhase.ONLINE;
        setActive((replay.isPresent() || rewindable) && timeline != null);
        if (rewindable && replay.isEmpty()) {
            showLive();
            return;
        }
        if (replay.isEmpty() || timeline == null) return;
        ReplayProgress progress = replay.get();
        showing = true;
        try {
            goLive.setDisable(false);
            speed.setDisable(false);
            String playText = progress.playing() ? "Pause" : "Play";
            if (!playText.equals(play.getText())) play.setText(playText);
            if (speed.getValue() == null || speed.getValue() != progress.speed()) speed.setValue(progress.speed());
            if (skipIdle.isSelected() != progress.skipIdle()) skipIdle.setSelected(progress.skipIdle());
            String clock = live ? StatusText.rewindTime(progress.position(), timeline.duration())
                    : StatusText.replayTime(progress.position(), progress.duration());
            if (!clock.equals(time.getText())) time.setText(clock);
            previousBurst.setDisable(timeline.previousBurst(progress.position()).isEmpty());
            nextBurst.setDisable(timeline.nextBurst(progress.position()).isEmpty());
            seekBar.show(progress.position());
        } finally {
            showing = false;
        }
    }

    /** Live, with the recording behind: the thumb at the present, "Rewind" steps back. */
    private void showLive() {
        showing = true;
        try {
            if (!"Rewind".equals(play.getText())) play.setText("Rewind");
            if (!"Live".equals(time.getText())) time.setText("Live");
            goLive.setDisable(true);
            speed.setDisable(true);
            previousBurst.setDisable(timeline.previousBurst(timeline.duration()).isEmpty());
            nextBurst.setDisable(true);
            seekBar.show(timeline.duration());
        } finally {
            showing = false;
        }
    }

    private void setActive(boolean active) {
        if (isVisible() == active) return;
        setVisible(active);
        setManaged(active);
    }
}
