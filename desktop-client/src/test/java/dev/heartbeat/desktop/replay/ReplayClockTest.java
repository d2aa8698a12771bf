package dev.heartbeat.desktop.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.protocol.recording.IdleStretch;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayClockTest {
    /** 60 s with one quiet stretch from 10 s to 40 s. */
    static final ReplayClock PAUSED = ReplayClock.of(60_000, List.of(new IdleStretch(10_000, 40_000)));

    @Test
    void startsPausedAtTheStartAtRealTimeSkippingIdle() {
        assertThat(PAUSED.position()).isZero();
        assertThat(PAUSED.playing()).isFalse();
        assertThat(PAUSED.speed()).isEqualTo(1.0);
        assertThat(PAUSED.skipIdle()).isTrue();
        assertThat(PAUSED.advance(1_000).position()).isZero();
    }

    @Test
    void playingMovesOnByRealTimeTimesTheSpeed() {
        ReplayClock playing = PAUSED.play();
        assertThat(playing.advance(1_000).position()).isEqualTo(1_000);
        assertThat(playing.withSpeed(2).advance(1_000).position()).isEqualTo(2_000);
        assertThat(playing.withSpeed(0.25).advance(1_000).position()).isEqualTo(250);
        assertThat(playing.withSpeed(8).advance(1_000).position()).isEqualTo(8_000);
    }

    @Test
    void slowSpeedsDoNotLoseTimeToRoundingAtShortFrames() {
        ReplayClock clock = PAUSED.play().withSpeed(0.25);
        for (int frame = 0; frame < 60; frame++) clock = clock.advance(17);
        assertThat(clock.position()).isEqualTo(255);
    }

    @Test
    void pausingStopsTheClockAndPlayingGoesOnFromThere() {
        ReplayClock paused = PAUSED.play().advance(3_000).pause();
        assertThat(paused.advance(5_000).position()).isEqualTo(3_000);
        assertThat(paused.toggle().advance(500).position()).isEqualTo(3_500);
    }

    @Test
    void onlyTheOfferedSpeedsAreTakenAndPlusMinusStopAtTheEnds() {
        assertThat(PAUSED.withSpeed(3).speed()).isEqualTo(1.0);
        assertThat(PAUSED.faster().speed()).isEqualTo(2.0);
        assertThat(PAUSED.slower().slower().slower().speed()).isEqualTo(0.25);
        assertThat(PAUSED.withSpeed(4).faster().faster().faster().speed()).isEqualTo(8.0);
        assertThat(ReplayClock.SPEEDS).containsExactly(0.25, 0.5, 1.0, 2.0, 4.0, 8.0);
    }

    @Test
    void seekingStaysWithinTheRecordingAndKeepsPlaying() {
        assertThat(PAUSED.seek(-5_000).position()).isZero();
        assertThat(PAUSED.seek(Long.MAX_VALUE).position()).isEqualTo(60_000);
        assertThat(PAUSED.play().seek(20_000).playing()).isTrue();
    }

    @Test
    void reachingTheEndPausesAndPlayAtTheEndStartsOver() {
        ReplayClock ended = PAUSED.play().seek(59_000).advance(5_000);
        assertThat(ended.position()).isEqualTo(60_000);
        assertThat(ended.atEnd()).isTrue();
        assertThat(ended.playing()).isFalse();
        ReplayClock again = ended.play();
        assertThat(again.position()).isZero();
        assertThat(again.playing()).isTrue();
    }

    @Test
    void aQuietStretchPlaysForTheIdleLimitThenJumpsToItsEnd() {
        ReplayClock clock = PAUSED.play().seek(9_000);
        clock = clock.advance(2_500); // 1.5 s into the quiet: still within the limit
        assertThat(clock.position()).isEqualTo(11_500);
        clock = clock.advance(1_000); // 2.5 s into it: past the limit, so on to its end
        assertThat(clock.position()).isEqualTo(40_000);
        clock = clock.advance(1_000);
        assertThat(clock.position()).isEqualTo(41_000);
    }

    @Test
    void theWholeQuietStretchTakesAboutTheLimitInRealTime() {
        ReplayClock clock = PAUSED.play().seek(10_000);
        long wall = 0;
        while (clock.position() < 40_000) {
            clock = clock.advance(16);
            wall += 16;
        }
        assertThat(wall).isBetween(ReplayClock.IDLE_LIMIT_MS, ReplayClock.IDLE_LIMIT_MS + 32);
        // At 4x the limit, in recorded time, passes four times as fast.
        clock = PAUSED.play().withSpeed(4).seek(10_000);
        for (wall = 0; clock.position() < 40_000; wall += 16) clock = clock.advance(16);
        assertThat(wall).isBetween(ReplayClock.IDLE_LIMIT_MS / 4, ReplayClock.IDLE_LIMIT_MS / 4 + 32);
    }

    @Test
    void withIdleSkippingOffTheQuietStretchPlaysWhole() {
        ReplayClock clock = PAUSED.play().withSkipIdle(false).seek(10_000).advance(10_000);
        assertThat(clock.position()).isEqualTo(20_000);
        assertThat(clock.withSkipIdle(true).advance(16).position()).isEqualTo(40_000);
    }

    @Test
    void eventsOutsideQuietStretchesAreNeverSkipped() {
        ReplayClock clock = PAUSED.play().seek(40_000).advance(15_000);
        assertThat(clock.position()).isEqualTo(55_000);
    }
}
