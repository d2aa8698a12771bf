package dev.heartbeat.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.protocol.message.Join;
import dev.heartbeat.protocol.message.Leave;
import dev.heartbeat.protocol.message.LeaveReason;
import dev.heartbeat.protocol.message.MemberStatus;
import dev.heartbeat.protocol.message.Pong;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.protocol.message.StatusChange;
import dev.heartbeat.protocol.message.WaitingCount;
import dev.heartbeat.server.support.RedisProcess;
import dev.heartbeat.server.support.RunningServer;
import dev.heartbeat.server.support.ServerProcess;
import dev.heartbeat.server.support.TestViewer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two nodes joined through a real redis-server. */
class ClusterTest {
    private RedisProcess redis;
    private RunningServer nodeA;
    private RunningServer nodeB;
    private final List<TestViewer> viewers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        redis = RedisProcess.start();
        nodeA = node("a", 2);
        nodeB = node("b", 2);
    }

    @AfterEach
    void stop() throws Exception {
        viewers.forEach(TestViewer::close);
        if (nodeA != null) nodeA.close();
        if (nodeB != null) nodeB.close();
        if (redis != null) redis.close();
    }

    private RunningServer node(String id, int capacity) {
        return RunningServer.start(c -> c.capacity(capacity).redis(redis.uri()).nodeId(id)
                .resumeGrace(Duration.ofMillis(1500)));
    }

    private TestViewer join(RunningServer node, String space, String query) {
        TestViewer viewer = TestViewer.join(node.ws(space, query));
        viewers.add(viewer);
        return viewer;
    }

    private static void sync(TestViewer viewer) {
        viewer.send("{\"type\":\"ping\",\"t\":3}");
        viewer.next(Pong.class);
    }

    @Test
    void aViewerOnOneNodeSeesPulsesFromTheOtherExactlyOnceAndInOrder() throws Exception {
        TestViewer a1 = join(nodeA, "fan", "name=A1");
        TestViewer b1 = join(nodeB, "fan", "name=B1");
        TestViewer a2 = join(nodeA, "fan", "name=A2"); // waiting, watching
        for (int i = 1; i <= 5; i++) b1.send("{\"type\":\"pulse\",\"strength\":" + i / 10.0 + "}");
        for (TestViewer viewer : List.of(a1, a2)) {
            for (int i = 1; i <= 5; i++) assertThat(viewer.next(Pulse.class).strength()).isEqualTo(i / 10.0);
        }
        a1.pulse();
        assertThat(b1.next(Pulse.class).id()).isEqualTo(a1.id());
        assertThat(a2.next(Pulse.class).id()).isEqualTo(a1.id());
        Thread.sleep(300);
        sync(a1);
        sync(b1);
        assertThat(a1.received(Pulse.class)).hasSize(5);
        assertThat(a2.received(Pulse.class)).hasSize(6);
        assertThat(b1.received(Pulse.class)).hasSize(1);
    }

    @Test
    void capacityAndTheQueueAreGlobalAndPromotionIsFirstComeFirstServed() {
        TestViewer a1 = join(nodeA, "cap", "name=A1");
        TestViewer b1 = join(nodeB, "cap", "name=B1");
        TestViewer a2 = join(nodeA, "cap", "name=A2");
        TestViewer b2 = join(nodeB, "cap", "name=B2");
        assertThat(a1.welcome().status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(b1.welcome().status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(b1.welcome().members()).hasSize(2);
        assertThat(a2.welcome().status()).isEqualTo(MemberStatus.WAITING);
        assertThat(a2.welcome().position()).isEqualTo(1);
        assertThat(b2.welcome().position()).isEqualTo(2);

        b1.close();
        assertThat(a2.next(StatusChange.class)).isEqualTo(new StatusChange(MemberStatus.ACTIVE, 0));
        assertThat(b2.next(StatusChange.class)).isEqualTo(new StatusChange(MemberStatus.WAITING, 1));
        for (TestViewer viewer : List.of(a1, a2, b2)) {
            viewer.eventually(Join.class, j -> j.member().id().equals(a2.id()));
            assertThat(viewer.received(Leave.class)).containsExactly(new Leave(b1.id(), LeaveReason.CLOSED));
            assertThat(viewer.received(Join.class)).filteredOn(j -> j.member().id().equals(a2.id())).hasSize(1);
            sync(viewer);
            List<WaitingCount> counts = viewer.received(WaitingCount.class);
            assertThat(counts.get(counts.size() - 1).count()).isEqualTo(1);
        }
    }

    @Test
    void sevenViewersAcrossTwoNodesMakeFiveActiveAndTwoWaiting() {
        nodeA.close();
        nodeB.close();
        nodeA = node("a5", 5);
        nodeB = node("b5", 5);
        for (int i = 0; i < 7; i++) join(i % 2 == 0 ? nodeA : nodeB, "seven", "name=V" + i);
        for (int i = 0; i < 5; i++) assertThat(viewers.get(i).welcome().status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(viewers.get(5).welcome().position()).isEqualTo(1);
        assertThat(viewers.get(6).welcome().position()).isEqualTo(2);
        assertThat(nodeA.get("/api/spaces/seven").body()).contains("\"waiting\":2");
        assertThat(nodeB.get("/api/spaces").body()).contains("\"active\":5");
    }

    @Test
    void resumeWorksThroughTheOtherNode() throws Exception {
        TestViewer a1 = join(nodeA, "resume", "name=Ada");
        TestViewer watcher = join(nodeA, "resume", "name=Bo");
        a1.getSocket().close();
        Thread.sleep(300);
        TestViewer back = join(nodeB, "resume", "resume=" + a1.welcome().resume());
        assertThat(back.welcome().you()).isEqualTo(a1.welcome().you());
        assertThat(back.welcome().status()).isEqualTo(MemberStatus.ACTIVE);
        Thread.sleep(2000); // past node A's grace period for the lost connection
        back.pulse();
        assertThat(watcher.next(Pulse.class).id()).isEqualTo(a1.id());
        sync(watcher);
        assertThat(watcher.received(Leave.class)).isEmpty();
    }

    @Test
    void theMembersOfAKilledNodeKeepTheirLinesForTheGracePeriodThenLeave() throws Exception {
        try (ServerProcess nodeC = ServerProcess.start("--host", "127.0.0.1", "--port", "0", "--capacity", "2",
                "--redis", redis.uri(), "--node-id", "c")) {
            TestViewer watcher = join(nodeA, "crash", "name=Watcher");
            TestViewer doomed = TestViewer.join(URI.create("ws://127.0.0.1:" + nodeC.port() + "/ws/crash?name=Doomed"));
            viewers.add(doomed);
            assertThat(watcher.next(Join.class).member().id()).isEqualTo(doomed.id());
            long killedAt = System.nanoTime();
            nodeC.process().destroyForcibly(); // SIGKILL: no goodbye
            await(() -> !watcher.received(Leave.class).isEmpty(), "the killed node's member to leave");
            assertThat(watcher.received(Leave.class)).containsExactly(new Leave(doomed.id(), LeaveReason.TIMEOUT));
            // Seen gone when its heartbeat expires (8 s), reaped a grace period (1.5 s here) later.
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(13));
        }
    }

    @Test
    void aNodeThatStopsGracefullyGivesNoLineAwayAndItsViewersResumeThroughTheOther() throws Exception {
        TestViewer watcher = join(nodeA, "restart", "name=Watcher");
        TestViewer moving = join(nodeB, "restart", "name=Moving");
        TestViewer otherWatcher = join(nodeA, "restart-too", "name=Watcher");
        TestViewer staying = join(nodeB, "restart-too", "name=Away");
        watcher.eventually(Join.class, j -> j.member().id().equals(moving.id()));
        otherWatcher.eventually(Join.class, j -> j.member().id().equals(staying.id()));
        nodeB.close(); // SIGTERM's path: 1001 to its sockets, goodbye to Redis
        nodeB = null;
        assertThat(moving.awaitClose()).isEqualTo(1001);
        TestViewer back = join(nodeA, "restart", "resume=" + moving.welcome().resume());
        assertThat(back.id()).isEqualTo(moving.id());
        assertThat(back.welcome().status()).isEqualTo(moving.welcome().status());
        sync(watcher);
        Thread.sleep(500);
        assertThat(watcher.received(Leave.class)).extracting(Leave::id).doesNotContain(moving.id());
        // Nobody came back for the other one: its line goes when the grace period (1.5 s) is over.
        Leave leave = otherWatcher.next(Leave.class, l -> l.id().equals(staying.id()));
        assertThat(leave.reason()).isEqualTo(LeaveReason.TIMEOUT);
        assertThat(watcher.received(Leave.class)).extracting(Leave::id).doesNotContain(moving.id());
    }

    @Test
    void aRedisOutageDegradesHealthKeepsLocalViewersGoingAndHealsWhenRedisReturns() throws Exception {
        TestViewer a1 = join(nodeA, "outage", "name=A1");
        TestViewer a2 = join(nodeA, "outage", "name=A2");
        TestViewer b1 = join(nodeB, "outage", "name=B1");
        redis.kill();
        await(() -> nodeA.get("/health").statusCode() == 503, "node A reports degraded health");
        assertThat(nodeA.get("/health").body()).contains("redis");
        assertThat(nodeA.get("/metrics").body()).contains("heartbeat_cluster_redis_up 0.0");

        a1.pulse();
        assertThat(a2.next(Pulse.class).id()).isEqualTo(a1.id()); // local fan-out goes on
        a2.close(); // a departure during the outage

        redis.startAgain(); // empty, like a restart without persistence
        await(() -> nodeA.get("/health").statusCode() == 200 && nodeB.get("/health").statusCode() == 200,
                "both nodes healthy again");
        await(() -> nodeA.get("/api/spaces/outage").body().contains("\"waiting\":0")
                && countMembers(nodeA.get("/api/spaces/outage").body()) == 2, "the space is rebuilt from the nodes");

        b1.pulse();
        assertThat(a1.next(Pulse.class).id()).isEqualTo(b1.id());
        a1.send("{\"type\":\"pulse\",\"strength\":0.5}");
        assertThat(b1.next(Pulse.class, p -> p.strength() == 0.5).id()).isEqualTo(a1.id());
        // b1 learns that a2 left while Redis was away, and takes the free line.
        assertThat(b1.received(Leave.class)).extracting(Leave::id).containsExactly(a2.id());
        assertThat(b1.received(StatusChange.class)).contains(new StatusChange(MemberStatus.ACTIVE, 0));
    }

    private static int countMembers(String json) {
        return json.split("\"id\"", -1).length - 1;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out waiting until " + what);
            Thread.sleep(100);
        }
    }
}
