package dev.heartbeat.bench.run;

import dev.heartbeat.bench.client.ClientFleet;
import dev.heartbeat.bench.client.ProbeConnection;
import dev.heartbeat.bench.client.Tally;
import dev.heartbeat.bench.client.Traffic;
import dev.heartbeat.bench.measure.LatencySummary;
import dev.heartbeat.bench.measure.ProcessProbe;
import dev.heartbeat.bench.report.Progress;
import dev.heartbeat.bench.report.RunReport;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** N quiet connections held for S seconds: how many the server takes, keeps, and what each costs it. */
@Command(name = "idle", mixinStandardHelpOptions = true,
        description = "Open N connections to one space, hold them S seconds, report survival and server memory per connection.")
final class IdleRun extends LoadRun {
    /** After the ramp, the server gets this long to finish its broadcasts before memory is read. */
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(15);

    @Option(names = {"-n", "--connections"}, defaultValue = "1000", description = "Connections to open (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = {"-s", "--hold-s"}, defaultValue = "60", description = "Seconds to hold them once open (default: ${DEFAULT-VALUE}).")
    int holdSeconds;

    @Option(names = "--spaces", defaultValue = "1",
            description = "Spread the connections over this many spaces <space>-0.. instead of one (default: ${DEFAULT-VALUE}).")
    int spaces;

    @Option(names = "--heap", defaultValue = "false",
            description = "Also ask the server JVM (jcmd, same user) for its live heap after a full GC, before and after the hold.")
    boolean heap;

    @Option(names = "--budget-kib", defaultValue = "20",
            description = "Server memory budget per connection in KiB, checked when --pid is given (default: ${DEFAULT-VALUE}).")
    double budgetKiB;

    @Override
    String name() {
        return "idle";
    }

    @Override
    void validate() {
        OptionRanges.range("--connections", connections, 1, 200_000);
        OptionRanges.range("--hold-s", holdSeconds, 0, 3_600);
        OptionRanges.range("--spaces", spaces, 1, 10_000);
        OptionRanges.range("--budget-kib", budgetKiB, 0, 1_000_000);
    }

    @Override
    long connections() {
        return connections;
    }

    @Override
    Duration longestRun() {
        return Duration.ofSeconds(target.connectTimeoutSeconds + holdSeconds).plus(SETTLE).plus(CLOSE_WAIT);
    }

    @Override
    void measure(RunReport report, ClientFleet fleet, Optional<ProcessProbe> server, Progress progress) throws Exception {
        report.param("connections", connections).param("holdSeconds", holdSeconds).param("spaces", spaces);
        Tally tally = fleet.tally();
        ProcessProbe self = ProcessProbe.of(ProcessHandle.current().pid());
        OptionalLong heapBefore = heap ? server.map(ProcessProbe::liveHeapKiB).orElse(OptionalLong.empty()) : OptionalLong.empty();
        long serverRssBefore = server.map(ProcessProbe::rssKiB).orElse(-1L);
        long serverThreadsBefore = server.map(ProcessProbe::threads).orElse(-1L);
        long clientRssBefore = self.rssKiB();
        long serverCpuBefore = server.map(ProcessProbe::cpuNanos).orElse(0L);

        progress.note("idle: opening " + connections + " connections from " + fleet.sourceAddressCount() + " source address(es)");
        progress.show(() -> String.format(Locale.ROOT, "connecting: %d welcomed, %d failed, %d closed, %d in flight",
                tally.welcomedCount(), tally.failedCount(), tally.closedCount(), fleet.handshakesInFlight()));
        long rampStart = System.nanoTime();
        List<ProbeConnection> opened = Ramp.open(fleet, i -> target.uri(spaceOf(i), "idle-" + i, i), 0, connections,
                Traffic.NONE, target.connectRate, deadline(Duration.ofSeconds(target.connectTimeoutSeconds)));
        long rampNanos = System.nanoTime() - rampStart;
        long welcomed = tally.welcomedCount();
        LatencySummary handshake = tally.handshake().total();

        progress.note("idle: " + welcomed + " welcomed in " + seconds(rampNanos) + " s; settling");
        progress.show(() -> String.format(Locale.ROOT, "settling: %d open, %d events received", tally.open(), tally.events()));
        Ramp.sleepUntil(deadline(SETTLE));
        long serverRssOpen = server.map(ProcessProbe::rssKiB).orElse(-1L);
        // What the joins cost: the server's CPU and the frames it sent until the last welcome settled.
        long serverCpuJoining = server.map(p -> p.cpuNanos() - serverCpuBefore).orElse(-1L);
        long framesWhileJoining = tally.frames();
        long clientRssOpen = self.rssKiB();

        progress.note("idle: holding " + holdSeconds + " s");
        long holdEnd = deadline(Duration.ofSeconds(holdSeconds));
        progress.show(() -> String.format(Locale.ROOT, "holding: %d open, %d closed, %d events received, %.0f s left",
                tally.open(), tally.closedCount(), tally.events(), Math.max(0, (holdEnd - System.nanoTime()) / 1e9)));
        long closedBeforeHold = tally.closedCount();
        Ramp.sleepUntil(holdEnd);
        long survived = opened.stream().filter(c -> c.welcome() != null && !c.hasEnded()).count();
        long closedDuringHold = tally.closedCount() - closedBeforeHold;
        long serverRssHeld = server.map(ProcessProbe::rssKiB).orElse(-1L);
        long serverThreadsHeld = server.map(ProcessProbe::threads).orElse(-1L);
        long clientRssHeld = self.rssKiB();

        report.result("rampSeconds", seconds(rampNanos))
                .result("connectsPerSecond", rampNanos > 0 ? Math.round(welcomed / (rampNanos / 1e9) * 10) / 10.0 : 0.0)
                .result("survived", survived)
                .result("closedDuringHold", closedDuringHold)
                .result("framesWhileJoining", framesWhileJoining);
        reportConnections(report, tally);
        report.results(handshake.asFields("handshake"));
        report.result("clientKiBPerConnection", perConnection(clientRssHeld - clientRssBefore, welcomed));
        if (server.isPresent()) {
            double openKiB = perConnection(serverRssOpen - serverRssBefore, welcomed);
            double heldKiB = perConnection(serverRssHeld - serverRssBefore, welcomed);
            report.result("serverCpuJoiningMs", serverCpuJoining / 1_000_000)
                    .result("serverRssBeforeKiB", serverRssBefore)
                    .result("serverRssOpenKiB", serverRssOpen)
                    .result("serverRssHeldKiB", serverRssHeld)
                    .result("serverKiBPerConnectionOpen", openKiB)
                    .result("serverKiBPerConnection", heldKiB)
                    .result("serverThreadsBefore", serverThreadsBefore)
                    .result("serverThreadsHeld", serverThreadsHeld);
            OptionalLong heapHeld = heap ? server.get().liveHeapKiB() : OptionalLong.empty();
            if (heapBefore.isPresent() && heapHeld.isPresent()) {
                report.result("serverLiveHeapBeforeKiB", heapBefore.getAsLong())
                        .result("serverLiveHeapHeldKiB", heapHeld.getAsLong())
                        .result("serverLiveHeapKiBPerConnection", perConnection(heapHeld.getAsLong() - heapBefore.getAsLong(), survived));
            }
            report.check("server memory per connection (KiB)", "<= " + budgetKiB, heldKiB, heldKiB <= budgetKiB);
        }
        report.check("connections welcomed", "= " + connections, welcomed, welcomed == connections);
        report.check("connections survived the hold", "= " + connections, survived, survived == connections);

        progress.note("idle: closing");
        progress.show(() -> String.format(Locale.ROOT, "closing: %d open", tally.open()));
        Ramp.closeAll(opened, deadline(CLOSE_WAIT));
    }

    private String spaceOf(int index) {
        return spaces == 1 ? target.space : target.space + "-" + (index % spaces);
    }

    private static double perConnection(long kib, long count) {
        return count <= 0 ? 0.0 : Math.round(kib * 100.0 / count) / 100.0;
    }
}
