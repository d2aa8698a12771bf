package dev.heartbeat.server.space;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.protocol.message.Join;
import dev.heartbeat.protocol.message.Leave;
import dev.heartbeat.protocol.message.LeaveReason;
import dev.heartbeat.protocol.message.MemberStatus;
import dev.heartbeat.protocol.message.StatusChange;
import dev.heartbeat.protocol.message.WaitingCount;
import dev.heartbeat.protocol.message.Welcome;
import dev.heartbeat.server.config.ServerConfig;
import dev.heartbeat.server.support.Deployment;
import dev.heartbeat.server.support.RunningServer;
import dev.heartbeat.server.support.TestViewer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How spaces, lines and the queue behave, whatever the deployment. */
public abstract class SpaceMembershipContract {
    private final Deployment server = deploy(config -> config.capacity(5));

    protected abstract Deployment deploy(UnaryOperator<ServerConfig.Builder> settings);
    private final List<TestViewer> viewers = new ArrayList<>();

    @AfterEach
    public void stop() {
        viewers.forEach(TestViewer::close);
        server.close();
    }

    private TestViewer join(String space) {
        TestViewer viewer = TestViewer.join(server.ws(space, "name=" + RunningServer.param("Viewer " + viewers.size())));
        viewers.add(viewer);
        return viewer;
    }

    @Test
    public void welcomeIsTheFirstFrameAndDescribesTheSpace() {
        TestViewer ada = TestViewer.join(server.ws("lobby", "name=Ada"));
        viewers.add(ada);
        Welcome welcome = ada.welcome();
        assertThat(welcome.protocol()).isEqualTo(1);
        assertThat(welcome.space()).isEqualTo("lobby");
        assertThat(welcome.you().name()).isEqualTo("Ada");
        assertThat(welcome.you().hue()).isBetween(0, 359);
        assertThat(welcome.you().phase()).isBetween(0.0, 1.0);
        assertThat(welcome.resume()).hasSize(43);
        assertThat(welcome.status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(welcome.position()).isZero();
        assertThat(welcome.capacity()).isEqualTo(5);
        assertThat(welcome.members()).containsExactly(welcome.you());
        assertThat(welcome.waiting()).isZero();
        assertThat(welcome.serverTime()).isCloseTo(System.currentTimeMillis(), org.assertj.core.api.Assertions.within(5_000L));
        assertThat(welcome.limits().batchMs()).isEqualTo(16);
        assertThat(welcome.limits().pulsesPerSecond()).isEqualTo(10);
        assertThat(welcome.limits().maxMessageBytes()).isEqualTo(1024);
    }

    @Test
    public void sevenViewersInASpaceOfFiveMakeFiveActiveAndTwoWaitingInOrder() {
        for (int i = 0; i < 7; i++) join("busy");
        for (int i = 0; i < 5; i++) {
            assertThat(viewers.get(i).welcome().status()).isEqualTo(MemberStatus.ACTIVE);
        }
        assertThat(viewers.get(5).welcome().status()).isEqualTo(MemberStatus.WAITING);
        assertThat(viewers.get(5).welcome().position()).isEqualTo(1);
        assertThat(viewers.get(6).welcome().status()).isEqualTo(MemberStatus.WAITING);
        assertThat(viewers.get(6).welcome().position()).isEqualTo(2);
        assertThat(viewers.get(6).welcome().members()).hasSize(5);
        assertThat(viewers.get(6).welcome().waiting()).isEqualTo(2);
        // Everybody already there hears about the queue growing.
        assertThat(viewers.get(0).next(WaitingCount.class, w -> w.count() == 2).count()).isEqualTo(2);
    }

    @Test
    public void whenAnActiveMemberLeavesTheFirstInLineIsPromotedAndEveryoneSeesIt() {
        for (int i = 0; i < 7; i++) join("promote");
        TestViewer leaving = viewers.get(2);
        TestViewer first = viewers.get(5);
        TestViewer second = viewers.get(6);
        String leavingId = leaving.id();

        leaving.close();

        assertThat(first.next(StatusChange.class)).isEqualTo(new StatusChange(MemberStatus.ACTIVE, 0));
        assertThat(second.next(StatusChange.class)).isEqualTo(new StatusChange(MemberStatus.WAITING, 1));
        for (TestViewer viewer : List.of(viewers.get(0), viewers.get(1), viewers.get(3), viewers.get(4), first, second)) {
            viewer.eventually(Join.class, j -> j.member().id().equals(first.id()));
            assertThat(viewer.received(Leave.class)).containsExactly(new Leave(leavingId, LeaveReason.CLOSED));
            assertThat(viewer.received(Join.class)).filteredOn(j -> j.member().id().equals(first.id()))
                    .extracting(Join::member).containsExactly(first.welcome().you());
            viewer.eventually(WaitingCount.class, w -> w.count() == 1 && lastWaitingCount(viewer) == 1);
        }
    }

    private static int lastWaitingCount(TestViewer viewer) {
        List<WaitingCount> counts = viewer.received(WaitingCount.class);
        return counts.isEmpty() ? -1 : counts.get(counts.size() - 1).count();
    }

    @Test
    public void aWaitingViewerWhoLeavesMovesTheOthersUp() {
        for (int i = 0; i < 8; i++) join("queue");
        viewers.get(5).close();
        assertThat(viewers.get(6).next(StatusChange.class)).isEqualTo(new StatusChange(MemberStatus.WAITING, 1));
        assertThat(viewers.get(7).next(StatusChange.class)).isEqualTo(new StatusChange(MemberStatus.WAITING, 2));
        viewers.get(0).eventually(WaitingCount.class, w -> lastWaitingCount(viewers.get(0)) == 2);
    }

    @Test
    public void spacesAreSeparateAndDroppedWhenEmpty() {
        TestViewer a = join("one");
        TestViewer b = join("two");
        assertThat(b.welcome().members()).hasSize(1);
        assertThat(server.get("/api/spaces").body()).contains("\"one\"").contains("\"two\"");
        a.close();
        a.awaitClose();
        long deadline = System.currentTimeMillis() + 5_000;
        while (server.get("/api/spaces").body().contains("\"one\"") && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(server.get("/api/spaces").body()).doesNotContain("\"one\"").contains("\"two\"");
    }
}
