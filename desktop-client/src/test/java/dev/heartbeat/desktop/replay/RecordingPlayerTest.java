package dev.heartbeat.desktop.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.desktop.state.ConnectionPhase;
import dev.heartbeat.desktop.support.Recordings;
import dev.heartbeat.desktop.state.PulseMark;
import dev.heartbeat.desktop.state.ViewerReducer;
import dev.heartbeat.desktop.state.ViewerState;
import dev.heartbeat.protocol.message.Member;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingPlayerTest {
    @Test
    void playsARecordingInRealTimeThroughTheViewersReducer(@TempDir Path folder) throws Exception {
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

        state = ViewerReducer.reduceAll(state, player.advance(start + 1_000));
        assertThat(state.members()).hasSize(1);

        state = ViewerReducer.reduceAll(state, player.advance(start + 2_300));
        assertThat(state.members()).extracting(Member::name).containsExactly("Bo", "Ada");
        // Pulses are timed by the line's t, on the same clock the drawing uses.
        assertThat(state.pulseOf("ada")).contains(new PulseMark(serverStart + 2_210, 1.0));

        state = ViewerReducer.reduceAll(state, player.advance(start + 60_000));
        assertThat(state.members()).extracting(Member::name).containsExactly("Ada");
        assertThat(state.waiting()).isZero();
        assertThat(player.ended()).isTrue();
        assertThat(state.closeReason()).contains("the recording ended");
        assertThat(player.advance(start + 70_000)).isEmpty();
    }

    @Test
    void eachEntryIsHandedOutOnceHoweverTheFramesFall(@TempDir Path folder) throws Exception {
        RecordingPlayer player = RecordingPlayer.load(Recordings.writeNight(folder));
        player.start(0);
        int events = 0;
        for (long now = 0; now <= 5_000; now += 16) events += player.advance(now).size();
        // join, pulse, waiting, leave and the end; the unknown and the cut line are skipped.
        assertThat(events).isEqualTo(5);
    }
}
