package dev.heartbeat.desktop.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.desktop.state.ConnectionPhase;
import dev.heartbeat.desktop.state.PulseMark;
import dev.heartbeat.desktop.state.ReplayProgress;
import dev.heartbeat.desktop.state.ViewerEvent;
import dev.heartbeat.desktop.state.ViewerReducer;
import dev.heartbeat.desktop.state.ViewerState;
import dev.heartbeat.desktop.support.Evening;
import dev.heartbeat.desktop.support.Recordings;
import dev.heartbeat.desktop.support.ShownMoment;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.recording.Burst;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordingPlayerTest {
    @TempDir
    Path folder;
    private RecordingPlayer evening;
    private ViewerState state;

    @BeforeEach
    void openTheEvening() throws Exception {
        evening = RecordingPlayer.load(Evening.write(folder));
    }

    @Test
    void playsARecordingInRealTimeThroughTheViewersReducer() throws Exception {
        RecordingPlayer player = RecordingPlayer.load(Recordings.writeNight(folder));
        long start = 50_000;
        long serverStart = Instant.parse("2026-11-21T20:00:00Z").toEpochMilli();

        ViewerState state = ViewerReducer.reduceAll(ViewerState.INITIAL, player.start(start));
        assertThat(state.phase()).isEqualTo(ConnectionPhase.REPLAY);
        assertThat(state.target()).isEqualTo("night.hbrec.gz");
        assertThat(state.space()).isEqualTo("night");
        assertThat(state.members()).extracting(Member::name).containsExactly("Bo");
        assertThat(state.waiting()).isEqualTo(1);
        assertThat(state.serverTimeAt(start)).isEqualTo(serverStart);
        assertThat(state.replay()).contains(new ReplayProgress(0, 4_000, 1.0, true, true));

        state = ViewerReducer.reduceAll(state, player.advance(start + 1_000));
        assertThat(state.members()).hasSize(1);

        state = ViewerReducer.reduceAll(state, player.advance(start + 2_300));
        assertThat(state.members()).extracting(Member::name).containsExactly("Bo", "Ada");
        // Pulses are timed by the line's t, on the same clock the drawing uses.
        assertThat(state.lastPulseOf("ada")).contains(new PulseMark(serverStart + 2_210, 1.0));
        assertThat(state.serverTimeAt(start + 2_300)).isEqualTo(serverStart + 2_300);

        state = ViewerReducer.reduceAll(state, player.advance(start + 60_000));
        assertThat(state.members()).extracting(Member::name).containsExactly("Ada");
        assertThat(state.waiting()).isZero();
        assertThat(player.ended()).isTrue();
        assertThat(state.replay().orElseThrow().playing()).isFalse();
        assertThat(state.closeReason()).contains("the recording ended");
        assertThat(player.advance(start + 70_000)).isEmpty();
    }

    @Test
    void eachLineIsHandedOutOnceHoweverTheFramesFall() throws Exception {
        RecordingPlayer player = RecordingPlayer.load(Recordings.writeNight(folder));
        player.start(0);
        int lines = 0;
        for (long now = 0; now <= 5_000; now += 16) {
            lines += (int) player.advance(now).stream().filter(e -> !(e instanceof ViewerEvent.ReplayProgressed)).count();
        }
        // join, pulse, waiting and leave; the unknown and the cut line are skipped.
        assertThat(lines).isEqualTo(4);
    }

    @ParameterizedTest(name = "{0}x, skip idle {1}")
    @CsvSource({"0.25, true", "1, true", "8, true", "8, false"})
    void atEveryFrameTheStateIsTheTimelinesStateAtThePosition(double speed, boolean skipIdle) {
        start(0);
        command(new ReplayCommand.Speed(speed), 0);
        command(new ReplayCommand.SkipIdle(skipIdle), 0);
        for (long now = 16; !evening.ended() && now < 400_000; now += 16) {
            state = ViewerReducer.reduceAll(state, evening.advance(now));
            long position = state.replay().orElseThrow().position();
            assertThat(position).isEqualTo(evening.position());
            assertThat(ShownMoment.of(state)).as("at %d ms", position).isEqualTo(ShownMoment.of(evening.timeline(), position));
        }
        assertThat(evening.ended()).isTrue();
    }

    @Test
    void seekingBackShowsTheMomentNotWhatCameLater() {
        start(0);
        command(new ReplayCommand.SeekTo(42_500), 0);
        assertThat(state.members()).containsExactly(Evening.ADA, Evening.CY);
        command(new ReplayCommand.SeekTo(2_500), 10);
        assertThat(ShownMoment.of(state)).isEqualTo(ShownMoment.of(evening.timeline(), 2_500));
        assertThat(state.members()).containsExactly(Evening.ADA, Evening.BO);
        assertThat(state.lastPulse()).containsOnlyKeys("ada", "bo");
        assertThat(state.waiting()).isEqualTo(1);
        assertThat(state.replay().orElseThrow().position()).isEqualTo(2_500);
    }

    @Test
    void arrowStepsMoveFiveSecondsWithinTheRecording() {
        start(0);
        command(new ReplayCommand.TogglePlay(), 0);
        command(new ReplayCommand.SeekBy(RecordingPlayer.SEEK_STEP_MS), 0);
        assertThat(evening.position()).isEqualTo(5_000);
        command(new ReplayCommand.SeekBy(-2 * RecordingPlayer.SEEK_STEP_MS), 0);
        assertThat(evening.position()).isZero();
        assertThat(ShownMoment.of(state)).isEqualTo(ShownMoment.of(evening.timeline(), 0));
    }

    @Test
    void nextBurstGoesToEachBurstsStartInTurn() {
        assertThat(evening.timeline().bursts()).extracting(Burst::start).containsExactly(Evening.FIRST_BURST, Evening.SECOND_BURST);
        start(0);
        command(new ReplayCommand.NextBurst(), 0);
        assertThat(evening.position()).isEqualTo(Evening.FIRST_BURST);
        assertThat(ShownMoment.of(state)).isEqualTo(ShownMoment.of(evening.timeline(), Evening.FIRST_BURST));
        command(new ReplayCommand.NextBurst(), 0);
        assertThat(evening.position()).isEqualTo(Evening.SECOND_BURST);
        command(new ReplayCommand.NextBurst(), 0);
        assertThat(evening.position()).as("no burst after the last").isEqualTo(Evening.SECOND_BURST);
    }

    @Test
    void previousBurstRestartsTheBurstOrGoesToTheOneBeforeRightAfterItsStart() {
        start(0);
        command(new ReplayCommand.TogglePlay(), 0);
        command(new ReplayCommand.SeekTo(Evening.DURATION), 0);
        command(new ReplayCommand.PreviousBurst(), 0);
        assertThat(evening.position()).isEqualTo(Evening.SECOND_BURST);
        command(new ReplayCommand.SeekBy(1_000), 0);
        command(new ReplayCommand.PreviousBurst(), 0);
        assertThat(evening.position()).as("within 1.5 s of its start").isEqualTo(Evening.FIRST_BURST);
        command(new ReplayCommand.PreviousBurst(), 0);
        assertThat(evening.position()).as("nothing before the first").isEqualTo(Evening.FIRST_BURST);
    }

    @Test
    void aControlActsOnTheMomentItWasUsedNotTheLastFrame() {
        start(0);
        state = ViewerReducer.reduceAll(state, evening.advance(16));
        command(new ReplayCommand.TogglePlay(), 1_000);
        assertThat(evening.position()).isEqualTo(1_000);
        assertThat(state.members()).containsExactly(Evening.ADA, Evening.BO);
        assertThat(state.replay().orElseThrow().playing()).isFalse();
    }

    @Test
    void pausedTheDrawingsClockStandsStillAndPlayingItRunsAtTheSpeed() {
        long serverStart = Evening.STARTED_AT.toEpochMilli();
        start(0);
        command(new ReplayCommand.SeekTo(3_000), 0);
        command(new ReplayCommand.TogglePlay(), 0);
        assertThat(state.serverTimeAt(60_000)).isEqualTo(serverStart + 3_000);
        assertThat(evening.advance(60_000)).isEmpty();
        command(new ReplayCommand.Speed(4), 60_000);
        command(new ReplayCommand.TogglePlay(), 60_000);
        assertThat(state.serverTimeAt(60_100)).isEqualTo(serverStart + 3_400);
    }

    @Test
    void playingAtTheEndStartsOver() {
        start(0);
        state = ViewerReducer.reduceAll(state, evening.advance(100_000));
        assertThat(state.closeReason()).contains("the recording ended");
        command(new ReplayCommand.TogglePlay(), 100_000);
        assertThat(evening.position()).isZero();
        assertThat(state.replay().orElseThrow().playing()).isTrue();
        assertThat(state.closeReason()).isEmpty();
        assertThat(state.members()).isEmpty();
    }

    private void start(long now) {
        state = ViewerReducer.reduceAll(ViewerState.INITIAL, evening.start(now));
    }

    private void command(ReplayCommand command, long now) {
        List<ViewerEvent> events = evening.apply(command, now);
        state = ViewerReducer.reduceAll(state, events);
    }
}
