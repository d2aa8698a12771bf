package dev.heartbeat.server.space;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.protocol.message.Join;
import dev.heartbeat.protocol.message.Leave;
import dev.heartbeat.protocol.message.LeaveReason;
import dev.heartbeat.protocol.message.MemberStatus;
import dev.heartbeat.protocol.message.Pong;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.protocol.message.Welcome;
import dev.heartbeat.server.config.ServerConfig;
import dev.heartbeat.server.support.Deployment;
import dev.heartbeat.server.support.TestViewer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Taking a line back with its resume token, whatever the deployment. */
public abstract class ResumeContract {
    protected final Deployment server = deploy(config -> config.capacity(2).resumeGrace(Duration.ofMillis(1500)));
    protected final List<TestViewer> viewers = new ArrayList<>();

    protected abstract Deployment deploy(UnaryOperator<ServerConfig.Builder> settings);

    @AfterEach
    public void stop() {
        viewers.forEach(TestViewer::close);
        server.close();
    }

    protected TestViewer join(String query) {
        TestViewer viewer = TestViewer.join(server.ws("resume", query));
        viewers.add(viewer);
        return viewer;
    }

    private static void dropAbruptly(TestViewer viewer) throws Exception {
        viewer.getSocket().close(); // no close frame: the server sees a lost connection
    }

    /** A ping round trip proves everything the server queued before it has arrived. */
    private static void sync(TestViewer viewer) {
        viewer.send("{\"type\":\"ping\",\"t\":7}");
        viewer.next(Pong.class);
    }

    @Test
    public void aLostViewerWhoComesBackInTimeGetsItsOwnLineAndNobodyNotices() throws Exception {
        TestViewer ada = join("name=Ada");
        TestViewer watcher = join("name=Bo");
        Welcome before = ada.welcome();
        dropAbruptly(ada);
        Thread.sleep(300);

        TestViewer back = join("name=Ada&resume=" + before.resume());
        assertThat(back.welcome().you()).isEqualTo(before.you());
        assertThat(back.welcome().status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(back.welcome().members()).contains(before.you());

        back.pulse();
        assertThat(watcher.next(Pulse.class).id()).isEqualTo(before.you().id());
        Thread.sleep(1700); // past the grace period: the line must still be there
        sync(watcher);
        assertThat(watcher.received(Leave.class)).isEmpty();
        assertThat(watcher.received(Join.class)).isEmpty();
    }

    @Test
    public void aNewerConnectionWithTheSameTokenReplacesTheOlderWith4001() {
        TestViewer first = join("name=Ada");
        TestViewer watcher = join("name=Bo");
        TestViewer second = join("resume=" + first.welcome().resume());
        assertThat(first.awaitClose()).isEqualTo(4001);
        assertThat(second.id()).isEqualTo(first.id());
        sync(watcher);
        assertThat(watcher.received(Leave.class)).isEmpty();
    }

    @Test
    public void aLostViewerWhoStaysAwayLeavesWithTimeoutAfterTheGracePeriod() throws Exception {
        TestViewer ada = join("name=Ada");
        TestViewer watcher = join("name=Bo");
        long lostAt = System.nanoTime();
        dropAbruptly(ada);
        Leave leave = watcher.next(Leave.class);
        assertThat(leave).isEqualTo(new Leave(ada.id(), LeaveReason.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - lostAt)).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
    }

    @Test
    public void aWaitingViewerGetsItsPlaceInLineBack() throws Exception {
        join("name=A");
        join("name=B");
        TestViewer third = join("name=C");
        TestViewer fourth = join("name=D");
        assertThat(third.welcome().position()).isEqualTo(1);
        dropAbruptly(third);
        Thread.sleep(300);
        TestViewer back = join("resume=" + third.welcome().resume());
        assertThat(back.welcome().status()).isEqualTo(MemberStatus.WAITING);
        assertThat(back.welcome().position()).isEqualTo(1);
        assertThat(fourth.welcome().position()).isEqualTo(2);
    }

    @Test
    public void aMalformedTokenIsIgnoredAndAFreshLineGiven() {
        TestViewer viewer = join("resume=not-a-token");
        assertThat(viewer.welcome().resume()).isNotEqualTo("not-a-token").hasSize(43);
    }

    @Test
    public void aTokenTheServerNeverIssuedGetsAFreshLineAndTakesNobodysPlace() {
        TestViewer ada = join("name=Ada");
        String token = ada.welcome().resume();
        String forged = (token.startsWith("A") ? "B" : "A") + token.substring(1);
        TestViewer forger = join("name=Eve&resume=" + forged);
        assertThat(forger.id()).isNotEqualTo(ada.id());
        assertThat(forger.welcome().resume()).isNotEqualTo(forged).hasSize(43);
        sync(ada);
        assertThat(ada.isClosedYet()).as("not replaced (4001)").isFalse();
    }

    @Test
    public void aHeldViewerKeepsItsTurnAndIsPromotedAheadOfANewcomer() throws Exception {
        TestViewer first = join("name=A");
        join("name=B");
        TestViewer waiting = join("name=C");
        assertThat(waiting.welcome().position()).isEqualTo(1);
        dropAbruptly(waiting);
        Thread.sleep(300);
        first.close(); // a line frees up while C is away: it is C's turn
        first.awaitClose();
        Thread.sleep(300);
        TestViewer newcomer = join("name=D");
        TestViewer back = join("resume=" + waiting.welcome().resume());
        assertThat(back.welcome().status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(back.id()).isEqualTo(waiting.id());
        assertThat(newcomer.welcome().status()).isEqualTo(MemberStatus.WAITING);
        assertThat(newcomer.welcome().position()).isEqualTo(1);
    }

    @Test
    public void aCloseWithoutAStatusCodeIsALostConnectionAndKeepsTheLine() throws Exception {
        TestViewer ada = join("name=Ada");
        TestViewer watcher = join("name=Bo");
        // A close frame with no code: the server reads 1005, which the contract counts as lost.
        org.java_websocket.framing.CloseFrame noCode = new org.java_websocket.framing.CloseFrame();
        noCode.setCode(org.java_websocket.framing.CloseFrame.NOCODE);
        ada.sendFrame(noCode);
        ada.awaitClose();
        Thread.sleep(300);
        TestViewer back = join("resume=" + ada.welcome().resume());
        assertThat(back.id()).isEqualTo(ada.id());
        assertThat(back.welcome().status()).isEqualTo(MemberStatus.ACTIVE);
        sync(watcher);
        assertThat(watcher.received(Leave.class)).isEmpty();
    }

    @Test
    public void aViewerWhoClosesNormallyLeavesAtOnce() {
        TestViewer ada = join("name=Ada");
        TestViewer watcher = join("name=Bo");
        ada.close();
        assertThat(watcher.next(Leave.class)).isEqualTo(new Leave(ada.id(), LeaveReason.CLOSED));
    }
}
