package dev.heartbeat.bench.run;

import dev.heartbeat.bench.client.ClientFleet;
import dev.heartbeat.bench.client.ProbeConnection;
import dev.heartbeat.bench.client.Tally;
import dev.heartbeat.bench.client.Traffic;
import dev.heartbeat.bench.measure.LatencyRecorder;
import dev.heartbeat.bench.measure.LatencySummary;
import dev.heartbeat.bench.measure.ProcessProbe;
import dev.heartbeat.bench.report.Progress;
import dev.heartbeat.bench.report.RunReport;
import dev.heartbeat.protocol.message.Welcome;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Connections come and go at C a second while W watchers stay: how long a handshake takes under
 * churn, how many fail and why, and whether the watchers keep up with the joins and leaves.
 */
@Command(name = "churn", mixinStandardHelpOptions = true,
        description = "Open and close connections at C a second while W others watch: handshake latency and errors.")
final class ChurnRun extends LoadRun {
    private static final Duration SETTLE = Duration.ofSeconds(2);

    @Option(names = {"-w", "--watchers"}, defaultValue = "100", description = "Connections that stay and watch (default: ${DEFAULT-VALUE}).")
    int watchers;

    @Option(names = {"-c", "--rate"}, defaultValue = "50", description = "New connections a second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = {"-d", "--duration-s"}, defaultValue = "20", description = "Seconds of churn (default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(names = "--linger-ms", defaultValue = "0",
            description = "How long each churning connection stays after its welcome before it closes (default: ${DEFAULT-VALUE}).")
    int lingerMillis;

    @Option(names = "--handshake-timeout-s", defaultValue = "5",
            description = "A churning connect without a welcome after this long counts as timed out (default: ${DEFAULT-VALUE}).")
    int handshakeTimeoutSeconds;

    @Override
    String name() {
        return "churn";
    }

    @Override
    void validate() {
        OptionRanges.range("--watchers", watchers, 0, 200_000);
        OptionRanges.range("--rate", rate, 0.1, 10_000);
        OptionRanges.range("--duration-s", durationSeconds, 1, 3_600);
        OptionRanges.range("--linger-ms", lingerMillis, 0, 600_000);
        OptionRanges.range("--handshake-timeout-s", handshakeTimeoutSeconds, 1, 600);
    }

    @Override
    long connections() {
        // Churners overlap by about rate × (handshake + linger); the fleet sizes for the watchers plus that.
        return watchers + (long) Math.ceil(rate * (handshakeTimeoutSeconds + lingerMillis / 1000.0 + 1));
    }

    @Override
    Duration longestRun() {
        return Duration.ofSeconds(target.connectTimeoutSeconds + durationSeconds + handshakeTimeoutSeconds + 10L)
                .plusMillis(lingerMillis).plus(SETTLE);
    }

    @Override
    void measure(RunReport report, ClientFleet fleet, Optional<ProcessProbe> server, Progress progress) throws Exception {
        report.param("watchers", watchers).param("ratePerSecond", rate).param("durationSeconds", durationSeconds)
                .param("lingerMs", lingerMillis).param("handshakeTimeoutSeconds", handshakeTimeoutSeconds);
        Tally tally = fleet.tally();
        ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-churn-closer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Churn churn = new Churn(watchers, lingerMillis, closer);

            progress.note("churn: opening " + watchers + " watchers");
            progress.show(() -> String.format(Locale.ROOT, "connecting: %d welcomed, %d failed", tally.welcomedCount(), tally.failedCount()));
            List<ProbeConnection> watching = Ramp.open(fleet, i -> target.uri(target.space, "watcher-" + i, i), 0, watchers,
                    churn, target.connectRate, deadline(Duration.ofSeconds(target.connectTimeoutSeconds)));
            long watchersWelcomed = watching.stream().filter(c -> c.welcome() != null).count();
            Ramp.sleepUntil(deadline(SETTLE));
            long watcherEventsBefore = churn.watcherEvents.sum();
            long serverCpuBefore = server.map(ProcessProbe::cpuNanos).orElse(-1L);

            long total = Math.round(rate * durationSeconds);
            progress.note(String.format(Locale.ROOT, "churn: %d connections at %.1f/s", total, rate));
            progress.show(() -> {
                LatencySummary recent = churn.handshake.interval();
                return String.format(Locale.ROOT, "churning: %d started, %d welcomed, %d errors, handshake p99 %.1f ms, %d watchers open",
                        churn.started, churn.welcomed.sum(), churn.errorCount(), recent.p99Ms(), churn.watchersOpen(watching));
            });
            long timeoutNanos = TimeUnit.SECONDS.toNanos(handshakeTimeoutSeconds);
            ArrayDeque<ProbeConnection> pending = new ArrayDeque<>();
            List<ProbeConnection> churners = new ArrayList<>();
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(durationSeconds) + timeoutNanos;
            for (long n = 0; n < total && System.nanoTime() < end; n++) {
                Ramp.sleepUntil(start + (long) (n * 1e9 / rate));
                churn.expireStale(pending, timeoutNanos);
                int index = watchers + (int) n;
                // Noted before the connect: a welcome may arrive before open() returns. The wait for a
                // handshake slot counts too, as it would for a person.
                churn.startedAt.put(index, System.nanoTime());
                ProbeConnection connection = fleet.open(target.uri(target.space, "churn-" + index, index), index, churn, end);
                if (connection == null) {
                    churn.startedAt.remove(index);
                    break;
                }
                churn.started++;
                pending.add(connection);
                churners.add(connection);
            }
            long churnNanos = System.nanoTime() - start;
            long waitEnd = System.nanoTime() + timeoutNanos + TimeUnit.MILLISECONDS.toNanos(lingerMillis) + 1_000_000_000L;
            while (System.nanoTime() < waitEnd && !churners.stream().allMatch(ProbeConnection::hasEnded)) {
                churn.expireStale(pending, timeoutNanos);
                Ramp.sleepUntil(Math.min(waitEnd, System.nanoTime() + 50_000_000L));
            }
            churn.expireStale(pending, 0);
            long serverCpu = server.map(p -> p.cpuNanos() - serverCpuBefore).orElse(-1L);
            long cpuMeasuredNanos = System.nanoTime() - start;

            LatencySummary handshake = churn.handshake.total();
            long watchersSurvived = churn.watchersOpen(watching);
            report.result("churnStarted", churn.started)
                    .result("churnWelcomed", churn.welcomed.sum())
                    .result("churnErrors", churn.errorCount())
                    .result("churnErrorsByKind", churn.errors())
                    .result("achievedPerSecond", churnNanos > 0 ? Math.round(churn.started / (churnNanos / 1e9) * 10) / 10.0 : 0.0)
                    .results(handshake.asFields("handshake"))
                    .result("watchersWelcomed", watchersWelcomed)
                    .result("watchersSurvived", watchersSurvived)
                    .result("watcherEventsDuringChurn", churn.watcherEvents.sum() - watcherEventsBefore);
            reportConnections(report, tally);
            if (server.isPresent()) {
                report.result("serverCpuMs", serverCpu / 1_000_000)
                        .result("serverCpuUsPerChurn", churn.started > 0 ? serverCpu / 1_000 / churn.started : -1)
                        .result("serverCpuPercent", Math.round(serverCpu * 1000.0 / Math.max(1, cpuMeasuredNanos)) / 10.0);
            }
            report.check("churn errors", "= 0", churn.errorCount(), churn.errorCount() == 0);
            report.check("watchers survived", "= " + watchersWelcomed, watchersSurvived, watchersSurvived == watchersWelcomed);

            progress.note("churn: closing");
            Ramp.closeAll(churners, deadline(Duration.ofSeconds(5)));
            Ramp.closeAll(watching, deadline(Duration.ofSeconds(10)));
        } finally {
            closer.shutdownNow();
        }
    }

    /** Tells watchers from churners by index and keeps the churners' outcomes. */
    private static final class Churn implements Traffic {
        private final int watchers;
        private final int lingerMillis;
        private final ScheduledExecutorService closer;
        private final LatencyRecorder handshake = new LatencyRecorder();
        private final LongAdder welcomed = new LongAdder();
        private final LongAdder watcherEvents = new LongAdder();
        private final ConcurrentMap<Integer, Long> startedAt = new ConcurrentHashMap<>();
        private final ConcurrentMap<String, LongAdder> errors = new ConcurrentHashMap<>();
        /** Written by the run's thread only; read by the progress line. */
        private volatile long started;

        Churn(int watchers, int lingerMillis, ScheduledExecutorService closer) {
            this.watchers = watchers;
            this.lingerMillis = lingerMillis;
            this.closer = closer;
        }

        @Override
        public void welcomed(ProbeConnection connection, Welcome welcome) {
            if (connection.index() < watchers) return;
            Long begun = startedAt.remove(connection.index());
            if (begun == null) return;
            welcomed.increment();
            handshake.recordMicros((System.nanoTime() - begun) / 1_000);
            if (lingerMillis == 0) {
                connection.close();
            } else {
                closer.schedule(connection::close, lingerMillis, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void other(ProbeConnection connection, String type) {
            if (connection.index() < watchers) watcherEvents.increment();
        }

        @Override
        public void pulse(ProbeConnection connection, String id, double strength, long at, long receivedNanos) {
            if (connection.index() < watchers) watcherEvents.increment();
        }

        @Override
        public void closed(ProbeConnection connection, int code, String reason) {
            // A churner closed by the server before its welcome was refused (4002 full, 1013, ...).
            if (connection.index() >= watchers && startedAt.remove(connection.index()) != null) count("closed-" + code);
        }

        @Override
        public void failed(ProbeConnection connection, Throwable cause) {
            if (connection.index() >= watchers && startedAt.remove(connection.index()) != null) count("connect-failed");
        }

        /** Churners still without a welcome after {@code timeoutNanos} count as timed out and are dropped. */
        void expireStale(ArrayDeque<ProbeConnection> pending, long timeoutNanos) {
            long now = System.nanoTime();
            while (!pending.isEmpty()) {
                ProbeConnection head = pending.peekFirst();
                Long begun = startedAt.get(head.index());
                if (begun == null) {
                    pending.pollFirst();
                    continue;
                }
                if (now - begun < timeoutNanos) return;
                pending.pollFirst();
                if (startedAt.remove(head.index()) != null) {
                    count("timeout");
                    head.abort();
                }
            }
        }

        long watchersOpen(List<ProbeConnection> watching) {
            return watching.stream().filter(c -> c.welcome() != null && !c.hasEnded()).count();
        }

        long errorCount() {
            return errors.values().stream().mapToLong(LongAdder::sum).sum();
        }

        Map<String, Long> errors() {
            Map<String, Long> copy = new TreeMap<>();
            errors.forEach((k, v) -> copy.put(k, v.sum()));
            return copy;
        }

        private void count(String kind) {
            errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }
    }
}
