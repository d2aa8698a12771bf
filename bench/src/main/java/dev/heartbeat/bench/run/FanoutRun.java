package dev.heartbeat.bench.run;

import dev.heartbeat.bench.client.ClientFleet;
import dev.heartbeat.bench.client.ProbeConnection;
import dev.heartbeat.bench.client.Tally;
import dev.heartbeat.bench.client.Traffic;
import dev.heartbeat.bench.measure.LatencyRecorder;
import dev.heartbeat.bench.measure.LatencySummary;
import dev.heartbeat.bench.measure.ProcessProbe;
import dev.heartbeat.bench.measure.PulseLedger;
import dev.heartbeat.bench.measure.PulseMatcher;
import dev.heartbeat.bench.report.Progress;
import dev.heartbeat.bench.report.RunReport;
import dev.heartbeat.protocol.codec.ProtocolCodec;
import dev.heartbeat.protocol.message.MemberStatus;
import dev.heartbeat.protocol.message.PulseRequest;
import dev.heartbeat.protocol.message.Welcome;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * P pulsing members and V viewers in one space: does every pulse reach every viewer, how fast, and
 * what does each delivery cost the server. Pulsers connect first so they get the lines (start the
 * server with a capacity of at least P); every other connection receives every pulse.
 */
@Command(name = "fanout", mixinStandardHelpOptions = true,
        description = "V viewers and P members pulsing R times a second: deliveries, losses, latency, server CPU per event.")
final class FanoutRun extends LoadRun {
    /** Quiet time after the ramp so join and waiting broadcasts are done before the clock starts. */
    private static final Duration SETTLE = Duration.ofSeconds(3);
    /** Where the server's CPU went, by thread group: shows a single-threaded bottleneck at a glance. */
    private static final int BUSIEST_THREAD_GROUPS = 6;
    /** One receiver in this many records the latency split at the server's 'at'. */
    private static final int SPLIT_SAMPLE = 10;

    @Option(names = {"-v", "--viewers"}, defaultValue = "1000", description = "Viewers that only watch (default: ${DEFAULT-VALUE}).")
    int viewers;

    @Option(names = {"-p", "--pulsers"}, defaultValue = "10", description = "Members that pulse (default: ${DEFAULT-VALUE}).")
    int pulsers;

    @Option(names = {"-r", "--rate"}, defaultValue = "5", description = "Pulses a second per pulsing member (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = {"-d", "--duration-s"}, defaultValue = "20", description = "Seconds of measured pulsing (default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(names = "--warmup-s", defaultValue = "5",
            description = "Seconds of pulsing before measuring, for the JIT of both ends (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--drain-s", defaultValue = "5",
            description = "Longest wait for the last deliveries after the last pulse (default: ${DEFAULT-VALUE}).")
    int drainSeconds;

    @Option(names = "--tags", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Match pulses by the sequence tagged into their strength, so a lost pulse shows as a gap;"
                    + " --no-tags matches by order alone, for servers that do not pass the strength on exactly (default: on).")
    boolean tagged;

    @Option(names = "--budget-p99-ms", defaultValue = "60", description = "Latency budget for p99 in ms (default: ${DEFAULT-VALUE}).")
    double budgetP99Ms;

    @Override
    String name() {
        return "fanout";
    }

    @Override
    void validate() {
        OptionRanges.range("--viewers", viewers, 0, 200_000);
        OptionRanges.range("--pulsers", pulsers, 1, 10_000);
        OptionRanges.range("--rate", rate, 0.1, 1_000);
        OptionRanges.range("--duration-s", durationSeconds, 1, 3_600);
        OptionRanges.range("--warmup-s", warmupSeconds, 0, 600);
        OptionRanges.range("--drain-s", drainSeconds, 1, 600);
        OptionRanges.range("--budget-p99-ms", budgetP99Ms, 0, 600_000);
        if (pulsesPerSender() > 10_000_000) throw new IllegalArgumentException("--rate x (--warmup-s + --duration-s) is too many pulses");
    }

    @Override
    long connections() {
        return (long) viewers + pulsers;
    }

    @Override
    Duration longestRun() {
        return Duration.ofSeconds(target.connectTimeoutSeconds * 2L + warmupSeconds + durationSeconds + drainSeconds).plus(SETTLE);
    }

    private int pulsesPerSender() {
        return (int) Math.round(rate * (warmupSeconds + durationSeconds));
    }

    @Override
    void measure(RunReport report, ClientFleet fleet, Optional<ProcessProbe> server, Progress progress) throws Exception {
        report.param("viewers", viewers).param("pulsers", pulsers).param("ratePerPulser", rate)
                .param("durationSeconds", durationSeconds).param("warmupSeconds", warmupSeconds).param("tagged", tagged);
        Tally tally = fleet.tally();
        ProcessProbe self = ProcessProbe.of(ProcessHandle.current().pid());
        PulseLedger ledger = new PulseLedger(pulsers, pulsesPerSender());
        LatencyRecorder latency = new LatencyRecorder();
        PulseMatcher matcher = new PulseMatcher(ledger, (int) Math.round(rate * warmupSeconds), tagged, latency);
        Receivers receivers = new Receivers(matcher, pulsers + viewers);

        progress.note("fanout: opening " + pulsers + " pulsing members");
        progress.show(() -> String.format(Locale.ROOT, "connecting: %d welcomed, %d failed, %d in flight",
                tally.welcomedCount(), tally.failedCount(), fleet.handshakesInFlight()));
        List<ProbeConnection> senders = Ramp.open(fleet, i -> target.uri(target.space, "pulser-" + i, i), 0, pulsers,
                receivers, target.connectRate, deadline(Duration.ofSeconds(target.connectTimeoutSeconds)));
        receivers.learnSenders(senders, pulsers);

        progress.note("fanout: opening " + viewers + " viewers");
        List<ProbeConnection> watchers = Ramp.open(fleet, i -> target.uri(target.space, "viewer-" + i, i), pulsers, viewers,
                receivers, target.connectRate, deadline(Duration.ofSeconds(target.connectTimeoutSeconds)));
        long welcomedViewers = watchers.stream().filter(c -> c.welcome() != null).count();
        if (welcomedViewers < viewers) {
            progress.note("fanout: only " + welcomedViewers + " of " + viewers + " viewers were welcomed; going on with them");
        }
        Welcome sample = senders.get(0).welcome();
        report.param("serverBatchMs", sample.limits().batchMs()).param("serverPulsesPerSecond", sample.limits().pulsesPerSecond());
        if (rate > sample.limits().pulsesPerSecond()) {
            throw new RunAborted("--rate " + rate + " is above the server's limit of " + sample.limits().pulsesPerSecond() + " pulses a second");
        }

        progress.show(() -> String.format(Locale.ROOT, "settling: %d open, %d events received", tally.open(), tally.events()));
        Ramp.sleepUntil(deadline(SETTLE));
        long openAtStart = tally.open();
        long closedAtStart = tally.closedCount();

        Pulsing pulsing = new Pulsing(ledger, senders, rate);
        progress.note(String.format(Locale.ROOT, "fanout: %d connections open; pulsing %d x %.1f/s for %d s warm-up + %d s",
                openAtStart, pulsers, rate, warmupSeconds, durationSeconds));
        progress.show(() -> {
            LatencySummary recent = latency.interval();
            LatencySummary warmup = matcher.warmupLatency().interval();
            return String.format(Locale.ROOT, "pulsing: %d sent, %d delivered (measured), p99 %.1f ms, max %.1f ms (warm-up p99 %.1f ms), %d open",
                    ledger.totalSent(), matcher.delivered(), recent.p99Ms(), recent.maxMs(), warmup.p99Ms(), tally.open());
        });
        long[] measureStart = new long[3];
        @SuppressWarnings("unchecked")
        Map<String, Long>[] threadsAtStart = new Map[2];
        long sendEnd = pulsing.run(Duration.ofSeconds(warmupSeconds), () -> {
            measureStart[0] = System.nanoTime();
            measureStart[1] = server.map(ProcessProbe::cpuNanos).orElse(-1L);
            threadsAtStart[0] = server.map(ProcessProbe::cpuNanosByThreadGroup).orElse(Map.of());
            threadsAtStart[1] = self.cpuNanosByThreadGroup();
            measureStart[2] = self.cpuNanos();
        });

        long receiversPerPulse = openAtStart - 1;
        progress.show(() -> String.format(Locale.ROOT, "draining: %d of %d delivered",
                matcher.delivered(), matcher.measuredSent() * receiversPerPulse));
        long drainEnd = deadline(Duration.ofSeconds(drainSeconds));
        while (System.nanoTime() < drainEnd && matcher.delivered() < matcher.measuredSent() * receiversPerPulse) {
            Ramp.sleepUntil(Math.min(drainEnd, System.nanoTime() + 20_000_000L));
        }
        long measureEnd = System.nanoTime();
        long serverCpu = server.map(p -> p.cpuNanos() - measureStart[1]).orElse(-1L);
        Map<String, Long> serverThreads = server.map(p -> ProcessProbe.busiestThreadGroupsMs(threadsAtStart[0],
                p.cpuNanosByThreadGroup(), BUSIEST_THREAD_GROUPS)).orElse(Map.of());
        long clientCpu = self.cpuNanos() - measureStart[2];
        Map<String, Long> clientThreads = ProcessProbe.busiestThreadGroupsMs(threadsAtStart[1], self.cpuNanosByThreadGroup(),
                BUSIEST_THREAD_GROUPS);

        long sent = matcher.measuredSent();
        long expected = sent * receiversPerPulse;
        long delivered = matcher.delivered();
        long lost = Math.max(0, expected - delivered);
        double sendingSeconds = (sendEnd - measureStart[0]) / 1e9;
        LatencySummary summary = latency.total();
        report.result("openAtStart", openAtStart)
                .result("pulsesSent", sent)
                .result("sendFailures", pulsing.failures())
                .result("expectedDeliveries", expected)
                .result("delivered", delivered)
                .result("lost", lost)
                .result("lossPercent", expected == 0 ? 0.0 : Math.round(lost * 1e6 / expected) / 1e4)
                .result("gapsSeen", matcher.skipped())
                .result("staleOrRepeated", matcher.stale())
                .result("unmatched", matcher.unmatched())
                .result("foreignPulses", receivers.foreign())
                .result("closedWhilePulsing", tally.closedCount() - closedAtStart)
                .result("deliveredPerSecond", sendingSeconds > 0 ? Math.round(delivered / sendingSeconds) : 0)
                .result("measuredSeconds", seconds(measureEnd - measureStart[0]));
        report.results(summary.asFields("latency"));
        report.result("warmupLatencyP99Ms", matcher.warmupLatency().total().p99Ms());
        LatencySummary toServer = matcher.toServer().total();
        LatencySummary fromServer = matcher.fromServer().total();
        report.result("sendToServerP50Ms", toServer.p50Ms()).result("sendToServerP99Ms", toServer.p99Ms())
                .result("serverToViewerP50Ms", fromServer.p50Ms()).result("serverToViewerP99Ms", fromServer.p99Ms());
        reportConnections(report, tally);
        report.result("eventsPerFrame", tally.frames() == 0 ? 0.0 : Math.round(tally.events() * 100.0 / tally.frames()) / 100.0);
        if (delivered > 0) report.result("clientCpuNsPerEvent", clientCpu / delivered);
        report.result("clientBusiestThreadsMs", clientThreads);
        if (server.isPresent()) {
            report.result("serverCpuMs", serverCpu / 1_000_000);
            report.result("serverCpuNsPerEvent", delivered > 0 ? serverCpu / delivered : -1);
            report.result("serverCpuPercent", Math.round(serverCpu * 1000.0 / Math.max(1, measureEnd - measureStart[0])) / 10.0);
            report.result("serverBusiestThreadsMs", serverThreads);
        }
        report.check("viewers welcomed", "= " + viewers, welcomedViewers, welcomedViewers == viewers);
        report.check("lost deliveries", "= 0", lost, lost == 0);
        report.check("latency p99 (ms)", "<= " + budgetP99Ms, summary.p99Ms(), summary.count() > 0 && summary.p99Ms() <= budgetP99Ms);

        progress.note("fanout: closing");
        progress.show(() -> String.format(Locale.ROOT, "closing: %d open", tally.open()));
        Ramp.closeAll(watchers, deadline(Duration.ofSeconds(10)));
        Ramp.closeAll(senders, deadline(Duration.ofSeconds(5)));
    }

    /** Every connection's view of the pulses: matches each to its send and counts strangers. */
    private static final class Receivers implements Traffic {
        private final PulseMatcher matcher;
        private final AtomicReferenceArray<int[]> cursors;
        private final LongAdder foreign = new LongAdder();
        private volatile Map<String, Integer> senderIndex = Map.of();

        Receivers(PulseMatcher matcher, int connections) {
            this.matcher = matcher;
            this.cursors = new AtomicReferenceArray<>(connections);
        }

        void learnSenders(List<ProbeConnection> senders, int wanted) throws RunAborted {
            Map<String, Integer> ids = new HashMap<>();
            for (ProbeConnection sender : senders) {
                Welcome welcome = sender.welcome();
                if (welcome == null) continue;
                if (welcome.status() != MemberStatus.ACTIVE) {
                    throw new RunAborted("pulsing member " + sender.index() + " was put in the queue (space capacity "
                            + welcome.capacity() + ", " + welcome.members().size() + " active): start the server with"
                            + " --capacity of at least --pulsers, on a space nobody else uses");
                }
                ids.put(welcome.you().id(), sender.index());
            }
            if (ids.size() < wanted) throw new RunAborted("only " + ids.size() + " of " + wanted + " pulsing members connected");
            senderIndex = Map.copyOf(ids);
        }

        long foreign() {
            return foreign.sum();
        }

        @Override
        public void pulse(ProbeConnection connection, String id, double strength, long at, long receivedNanos) {
            Integer sender = senderIndex.get(id);
            if (sender == null) {
                foreign.increment();
                return;
            }
            int[] cursor = cursors.get(connection.index());
            if (cursor == null) {
                cursor = matcher.newCursor();
                cursors.set(connection.index(), cursor);
            }
            // The split at the server's 'at' comes from a sample of receivers: enough for its percentiles,
            // and the client's CPU stays with the measurement that matters.
            long splitAt = connection.index() % SPLIT_SAMPLE == 0 ? at : -1;
            matcher.match(cursor, sender, strength, splitAt, receivedNanos);
        }
    }

    /** Sends the pulses on one thread, spread evenly: sender s's k-th pulse is due at (k·P + s)/(P·R) s. */
    private static final class Pulsing {
        private final PulseLedger ledger;
        private final List<ProbeConnection> senders;
        private final double rate;
        private final String[] frames = new String[PulseLedger.TAG_MODULUS];
        private final LongAdder failures = new LongAdder();

        Pulsing(PulseLedger ledger, List<ProbeConnection> senders, double rate) {
            this.ledger = ledger;
            this.senders = senders;
            this.rate = rate;
            ProtocolCodec codec = new ProtocolCodec();
            for (int tag = 0; tag < frames.length; tag++) frames[tag] = codec.encode(new PulseRequest(PulseLedger.strengthFor(tag)));
        }

        long failures() {
            return failures.sum();
        }

        /**
         * Sends every pulse of the run and returns when the last one left.
         *
         * @param onMeasureStart runs once, just before the first pulse after the warm-up
         */
        long run(Duration warmup, Runnable onMeasureStart) throws InterruptedException {
            int perSender = ledger.capacityPerSender();
            int count = senders.size();
            long total = (long) perSender * count;
            long warmupPulses = Math.round(rate * warmup.toSeconds()) * count;
            double intervalNanos = 1e9 / (rate * count);
            long start = System.nanoTime();
            if (warmupPulses == 0) onMeasureStart.run();
            for (long n = 0; n < total; n++) {
                Ramp.sleepUntil(start + (long) (n * intervalNanos));
                if (n == warmupPulses && n > 0) onMeasureStart.run();
                int sender = (int) (n % count);
                int seq = ledger.recordSend(sender, System.nanoTime());
                if (seq < 0) continue;
                senders.get(sender).send(frames[seq % PulseLedger.TAG_MODULUS], () -> { }, failure -> failures.increment());
            }
            return System.nanoTime();
        }
    }
}
