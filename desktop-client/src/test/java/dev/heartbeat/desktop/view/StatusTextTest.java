package dev.heartbeat.desktop.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.desktop.state.ReplayProgress;
import dev.heartbeat.desktop.state.ViewerEvent;
import dev.heartbeat.desktop.state.ViewerReducer;
import dev.heartbeat.desktop.state.ViewerState;
import dev.heartbeat.protocol.message.Limits;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.MemberStatus;
import dev.heartbeat.protocol.message.Welcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTextTest {
    static final Member ADA = new Member("ada", "Ada", 212, 0.37);

    static ViewerState welcomed(MemberStatus status, int position) {
        Welcome welcome = new Welcome(1, "lobby", ADA, "t", status, position, 1,
                status == MemberStatus.ACTIVE ? List.of(ADA) : List.of(), position, 0, new Limits(16, 10, 1024));
        return ViewerReducer.reduce(ViewerState.INITIAL, new ViewerEvent.Received(welcome, 0));
    }

    @Test
    void activeSaysWhereAndAs() {
        assertThat(StatusText.of(welcomed(MemberStatus.ACTIVE, 0), 0)).startsWith("Active in lobby as Ada");
        assertThat(StatusText.counts(welcomed(MemberStatus.ACTIVE, 0))).isEqualTo("1 / 1 lines \u00b7 0 waiting");
    }

    @Test
    void waitingShowsThePlaceInTheQueue() {
        assertThat(StatusText.of(welcomed(MemberStatus.WAITING, 1), 0)).startsWith("Waiting #1 in lobby");
    }

    @Test
    void reconnectingCountsDownInWholeSecondsAndSaysWhy() {
        ViewerState lost = ViewerReducer.reduce(welcomed(MemberStatus.ACTIVE, 0),
                new ViewerEvent.ConnectionLost(1001, "the server is shutting down", 10_000, 7_500));
        assertThat(StatusText.of(lost, 7_500)).isEqualTo("Reconnecting in 3 s \u2014 the server is shutting down");
        assertThat(StatusText.of(lost, 9_200)).startsWith("Reconnecting in 1 s");
    }

    @Test
    void disconnectedSaysWhy() {
        ViewerState closed = ViewerReducer.reduce(welcomed(MemberStatus.ACTIVE, 0),
                new ViewerEvent.Disconnected(4001, "replaced by a newer connection", 0));
        assertThat(StatusText.of(closed, 0)).isEqualTo("Disconnected \u2014 replaced by a newer connection");
    }

    @Test
    void replayTimesReadAsMinutesAndSecondsOrHours() {
        assertThat(StatusText.clock(0)).isEqualTo("0:00");
        assertThat(StatusText.clock(75_999)).isEqualTo("1:15");
        assertThat(StatusText.clock(3_725_000)).isEqualTo("1:02:05");
        assertThat(StatusText.replayTime(42_000, 190_000)).isEqualTo("0:42 / 3:10");
    }

    @Test
    void speedsReadWithATimesSign() {
        assertThat(StatusText.speed(0.25)).isEqualTo("0.25\u00d7");
        assertThat(StatusText.speed(1)).isEqualTo("1\u00d7");
        assertThat(StatusText.speed(8)).isEqualTo("8\u00d7");
    }

    @Test
    void aReplaySaysWhenItIsPausedOrEnded() {
        ViewerState replay = ViewerReducer.reduce(ViewerState.INITIAL, new ViewerEvent.ReplayStarted("evening.hbrec", "evening", 5, 0, 0));
        ViewerState playing = ViewerReducer.reduce(replay, new ViewerEvent.ReplayProgressed(new ReplayProgress(1_000, 9_000, 1, true, true), 1_000, 0));
        assertThat(StatusText.of(playing, 0)).isEqualTo("Replaying evening.hbrec (evening)");
        ViewerState paused = ViewerReducer.reduce(replay, new ViewerEvent.ReplayProgressed(new ReplayProgress(1_000, 9_000, 1, false, true), 1_000, 0));
        assertThat(StatusText.of(paused, 0)).isEqualTo("Replaying evening.hbrec (evening) \u2014 paused");
        ViewerState ended = ViewerReducer.reduce(replay, new ViewerEvent.ReplayProgressed(new ReplayProgress(9_000, 9_000, 1, false, true), 9_000, 0));
        assertThat(StatusText.of(ended, 0)).isEqualTo("Replaying evening.hbrec (evening) \u2014 the recording ended");
    }
}
