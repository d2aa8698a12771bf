package dev.heartbeat.desktop.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.protocol.codec.Decoded;
import dev.heartbeat.protocol.codec.GoldenMessages;
import dev.heartbeat.protocol.codec.ProtocolCodec;
import dev.heartbeat.protocol.message.Announce;
import dev.heartbeat.protocol.message.Batch;
import dev.heartbeat.protocol.message.ErrorCode;
import dev.heartbeat.protocol.message.ErrorEvent;
import dev.heartbeat.protocol.message.Join;
import dev.heartbeat.protocol.message.Leave;
import dev.heartbeat.protocol.message.LeaveReason;
import dev.heartbeat.protocol.message.Limits;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.MemberStatus;
import dev.heartbeat.protocol.message.Pong;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.protocol.message.Rename;
import dev.heartbeat.protocol.message.ServerMessage;
import dev.heartbeat.protocol.message.StatusChange;
import dev.heartbeat.protocol.message.WaitingCount;
import dev.heartbeat.protocol.message.Welcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViewerReducerTest {
    static final long NOW = 1_000_000L;
    static final long SERVER_NOW = 1_763_750_000_000L;
    static final Member ADA = new Member("ada", "Ada", 212, 0.37);
    static final Member BO = new Member("bo", "Bo", 20, 0.8);
    static final Limits LIMITS = new Limits(16, 10, 1024);

    static Welcome welcome(MemberStatus status, int position, List<Member> members, int waiting) {
        return new Welcome(1, "lobby", ADA, "token", status, position, 5, members, waiting, SERVER_NOW, LIMITS);
    }

    static ViewerState online() {
        return reduce(ViewerState.INITIAL, welcome(MemberStatus.ACTIVE, 0, List.of(ADA, BO), 0));
    }

    static ViewerState reduce(ViewerState state, ServerMessage message) {
        return ViewerReducer.reduce(state, new ViewerEvent.Received(message, NOW));
    }

    @Test
    void aWelcomeMakesTheViewerOnlineWithTheMembersAndTheServerClock() {
        ViewerState state = online();
        assertThat(state.phase()).isEqualTo(ConnectionPhase.ONLINE);
        assertThat(state.members()).containsExactly(ADA, BO);
        assertThat(state.you()).contains(ADA);
        assertThat(state.canPulse()).isTrue();
        assertThat(state.serverTimeAt(NOW + 500)).isEqualTo(SERVER_NOW + 500);
    }

    @Test
    void everyGoldenServerMessageReducesWithoutLosingTheViewer() {
        ProtocolCodec codec = new ProtocolCodec(1 << 20);
        ViewerState state = ViewerState.INITIAL;
        for (String name : GoldenMessages.SERVER) {
            Decoded<ServerMessage> decoded = codec.decodeServer(GoldenMessages.server(name));
            assertThat(decoded).as(name).isInstanceOf(Decoded.Ok.class);
            state = reduce(state, ((Decoded.Ok<ServerMessage>) decoded).message());
        }
        assertThat(state.phase()).isEqualTo(ConnectionPhase.ONLINE);
        assertThat(state.you()).isPresent();
    }

    @Test
    void joinAddsALineOnceAndLeaveRemovesItWithItsPulse() {
        Member cy = new Member("cy", "Cy", 100, 0.1);
        ViewerState state = reduce(online(), new Join(cy));
        state = reduce(state, new Join(cy));
        assertThat(state.members()).containsExactly(ADA, BO, cy);
        state = reduce(state, new Pulse("cy", 1.0, SERVER_NOW));
        assertThat(state.lastPulse()).containsKey("cy");
        state = reduce(state, new Leave("cy", LeaveReason.CLOSED));
        assertThat(state.members()).containsExactly(ADA, BO);
        assertThat(state.lastPulse()).doesNotContainKey("cy");
    }

    @Test
    void onlyTheLatestPulseOfAMemberCounts() {
        ViewerState state = reduce(online(), new Pulse("bo", 0.5, SERVER_NOW));
        state = reduce(state, new Pulse("bo", 1.0, SERVER_NOW + 300));
        assertThat(state.lastPulseOf("bo")).contains(new PulseMark(SERVER_NOW + 300, 1.0));
    }

    @Test
    void aPulseOfSomeoneWithoutALineIsIgnored() {
        ViewerState state = reduce(online(), new Pulse("ghost", 1.0, SERVER_NOW));
        assertThat(state.lastPulse()).isEmpty();
    }

    @Test
    void eventsInABatchApplyInOrder() {
        Member cy = new Member("cy", "Cy", 100, 0.1);
        ViewerState state = reduce(online(), new Batch(List.of(new Join(cy), new Pulse("cy", 0.7, SERVER_NOW),
                new WaitingCount(3), new Leave("bo", LeaveReason.TIMEOUT))));
        assertThat(state.members()).containsExactly(ADA, cy);
        assertThat(state.lastPulseOf("cy")).contains(new PulseMark(SERVER_NOW, 0.7));
        assertThat(state.waiting()).isEqualTo(3);
    }

    @Test
    void renameKeepsTheLineAndItsPlace() {
        Member renamed = BO.withName("Bob");
        ViewerState state = reduce(online(), new Rename(renamed));
        assertThat(state.members()).containsExactly(ADA, renamed);
        state = reduce(state, new Rename(ADA.withName("Ada L.")));
        assertThat(state.you().orElseThrow().name()).isEqualTo("Ada L.");
    }

    @Test
    void ownPulseShowsAtOnceAtTheServerTimeOfTheClick() {
        ViewerState state = ViewerReducer.reduce(online(), new ViewerEvent.OwnPulse(1.0, NOW + 40));
        assertThat(state.lastPulseOf("ada")).contains(new PulseMark(SERVER_NOW + 40, 1.0));
    }

    @Test
    void aWaitingViewerCannotPulseUntilPromoted() {
        ViewerState waiting = reduce(ViewerState.INITIAL, welcome(MemberStatus.WAITING, 1, List.of(BO), 1));
        assertThat(waiting.canPulse()).isFalse();
        assertThat(waiting.position()).isEqualTo(1);
        assertThat(ViewerReducer.reduce(waiting, new ViewerEvent.OwnPulse(1.0, NOW)).lastPulse()).isEmpty();

        ViewerState promoted = reduce(reduce(waiting, new StatusChange(MemberStatus.ACTIVE, 0)), new Join(ADA));
        assertThat(promoted.canPulse()).isTrue();
        assertThat(promoted.position()).isZero();
        assertThat(promoted.members()).containsExactly(BO, ADA);
    }

    @Test
    void connectionLossSchedulesAReconnectAndKeepsTheLinesUntilTheNextWelcome() {
        ViewerState state = reduce(online(), new Pulse("bo", 1.0, SERVER_NOW));
        state = ViewerReducer.reduce(state, new ViewerEvent.ConnectionLost(1006, "the connection was lost", NOW + 2_000, NOW));
        assertThat(state.phase()).isEqualTo(ConnectionPhase.RECONNECTING);
        assertThat(state.retryAt()).isEqualTo(NOW + 2_000);
        assertThat(state.canPulse()).isFalse();
        assertThat(state.members()).hasSize(2);

        state = ViewerReducer.reduce(state, new ViewerEvent.Connecting("lobby on ws://x", 1, NOW + 2_000));
        state = reduce(state, welcome(MemberStatus.ACTIVE, 0, List.of(ADA, BO), 0));
        assertThat(state.phase()).isEqualTo(ConnectionPhase.ONLINE);
        assertThat(state.closeReason()).isEmpty();
        assertThat(state.lastPulse()).containsKey("bo");
    }

    @Test
    void aFinalCloseSaysWhy() {
        ViewerState state = ViewerReducer.reduce(online(), new ViewerEvent.Disconnected(1008, "refused by server policy", NOW));
        assertThat(state.phase()).isEqualTo(ConnectionPhase.DISCONNECTED);
        assertThat(state.closeReason()).contains("refused by server policy");
    }

    @Test
    void announcementsAndRefusalsBecomeTransientBanners() {
        ViewerState state = reduce(online(), new Announce("Maintenance at noon"));
        assertThat(state.banner()).hasValueSatisfying(b -> {
            assertThat(b.kind()).isEqualTo(Banner.Kind.ANNOUNCE);
            assertThat(b.visibleAt(NOW + 1_000)).isTrue();
            assertThat(b.visibleAt(NOW + Banner.SHOW_MS)).isFalse();
        });
        state = reduce(state, new ErrorEvent(ErrorCode.RATE_LIMITED, "slow down"));
        assertThat(state.banner().orElseThrow().kind()).isEqualTo(Banner.Kind.NOTICE);
    }

    @Test
    void aPongWithAShortRoundTripRefinesTheClock() {
        // Ping sent at local NOW, answered 100 ms later; the server stamped it 5 s ahead of the welcome's guess.
        ViewerState state = ViewerReducer.reduce(online(),
                new ViewerEvent.Received(new Pong(NOW, SERVER_NOW + 5_050), NOW + 100));
        assertThat(state.serverTimeAt(NOW + 50)).isEqualTo(SERVER_NOW + 5_050);
        assertThat(state.clock().roundTripMillis()).isEqualTo(100);
    }

    @Test
    void aReplayStartsEmptyAndTakesItsMembersFromSnapshots() {
        ViewerState state = ViewerReducer.reduce(online(),
                new ViewerEvent.ReplayStarted("night.hbrec", "lobby", 5, SERVER_NOW, NOW));
        assertThat(state.phase()).isEqualTo(ConnectionPhase.REPLAY);
        assertThat(state.members()).isEmpty();
        assertThat(state.you()).isEmpty();
        assertThat(state.canPulse()).isFalse();
        state = ViewerReducer.reduce(state, new ViewerEvent.ReplaySnapshot(List.of(BO), 2, NOW));
        assertThat(state.members()).containsExactly(BO);
        assertThat(state.waiting()).isEqualTo(2);
        assertThat(state.serverTimeAt(NOW + 1_000)).isEqualTo(SERVER_NOW + 1_000);
    }

    @Test
    void aReplayJumpReplacesMembersQueueAndEveryPulse() {
        ViewerState state = ViewerReducer.reduceAll(ViewerState.INITIAL, List.of(
                new ViewerEvent.ReplayStarted("night.hbrec", "lobby", 5, SERVER_NOW, NOW),
                new ViewerEvent.ReplaySnapshot(List.of(ADA, BO), 2, NOW),
                new ViewerEvent.Received(new Pulse("bo", 1.0, SERVER_NOW + 9_000), NOW)));
        state = ViewerReducer.reduce(state, new ViewerEvent.ReplayJumped(List.of(BO, ADA), 0,
                Map.of("ada", new PulseMark(SERVER_NOW + 100, 0.5)), NOW));
        assertThat(state.members()).containsExactly(BO, ADA);
        assertThat(state.waiting()).isZero();
        // Bo's pulse came later in the recording than the moment jumped to: it must go.
        assertThat(state.lastPulse()).containsOnlyKeys("ada");
    }

    @Test
    void replayProgressRunsTheClockAtTheSpeedAndHoldsItWhilePaused() {
        ViewerState started = ViewerReducer.reduce(ViewerState.INITIAL,
                new ViewerEvent.ReplayStarted("night.hbrec", "lobby", 5, SERVER_NOW, NOW));
        ViewerState fast = ViewerReducer.reduce(started,
                new ViewerEvent.ReplayProgressed(new ReplayProgress(2_000, 10_000, 4, true, true), SERVER_NOW + 2_000, NOW));
        assertThat(fast.serverTimeAt(NOW + 250)).isEqualTo(SERVER_NOW + 3_000);
        assertThat(fast.replay()).contains(new ReplayProgress(2_000, 10_000, 4, true, true));
        ViewerState paused = ViewerReducer.reduce(fast,
                new ViewerEvent.ReplayProgressed(new ReplayProgress(2_000, 10_000, 4, false, true), SERVER_NOW + 2_000, NOW));
        assertThat(paused.serverTimeAt(NOW + 60_000)).isEqualTo(SERVER_NOW + 2_000);
        assertThat(paused.closeReason()).isEmpty();
    }
}
