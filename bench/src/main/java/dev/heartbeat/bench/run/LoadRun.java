package dev.heartbeat.bench.run;

import dev.heartbeat.bench.client.ClientFleet;
import dev.heartbeat.bench.client.HostLimits;
import dev.heartbeat.bench.client.Tally;
import dev.heartbeat.bench.measure.ProcessProbe;
import dev.heartbeat.bench.report.Progress;
import dev.heartbeat.bench.report.RunReport;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * The frame every run shares: check the options, open a fleet, measure, then print a table and one
 * JSON line to stdout. Exit codes: 0 done (and within budget), 3 done but over budget, 1 failed.
 */
abstract class LoadRun implements Callable<Integer> {
    static final int EXIT_OVER_BUDGET = 3;
    static final int EXIT_FAILED = 1;

    @Mixin
    TargetOptions target;

    PrintStream out = System.out;
    PrintStream err = System.err;

    /** The run's name in the report: idle, fanout or churn. */
    abstract String name();

    /** Checks this run's own options; throws IllegalArgumentException with a message for the user. */
    abstract void validate();

    /** Connections the run will hold at most, which decides how many source addresses it needs. */
    abstract long connections();

    /** Longest the whole run may take; nothing in it waits longer. */
    abstract Duration longestRun();

    abstract void measure(RunReport report, ClientFleet fleet, Optional<ProcessProbe> server, Progress progress) throws Exception;

    @Override
    public Integer call() {
        try {
            target.validate();
            validate();
        } catch (IllegalArgumentException e) {
            err.println("heartbeat-bench " + name() + ": " + e.getMessage());
            return 2;
        }
        RunReport report = new RunReport(name(), Instant.now());
        target.describe(report);
        try (Progress progress = new Progress(err, target.progressMillis);
             ClientFleet fleet = target.newFleet(connections(), longestRun())) {
            Optional<ProcessProbe> server = target.serverProbe();
            report.param("sourceAddresses", fleet.sourceAddressCount()).param("clientSelectors", fleet.selectorCount());
            for (String warning : HostLimits.current().warningsFor(connections(), fleet.sourceAddressCount())) {
                progress.note("warning: " + warning);
            }
            report.param("loadAverageAtStart", loadAverage());
            measure(report, fleet, server, progress);
            report.result("loadAverageAtEnd", loadAverage());
        } catch (RunAborted e) {
            err.println("heartbeat-bench " + name() + ": " + e.getMessage());
            return EXIT_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("heartbeat-bench " + name() + ": interrupted");
            return EXIT_FAILED;
        } catch (Exception e) {
            err.println("heartbeat-bench " + name() + ": " + e);
            return EXIT_FAILED;
        }
        out.print(report.table());
        out.println(report.jsonLine());
        out.flush();
        return report.withinBudget() ? 0 : EXIT_OVER_BUDGET;
    }

    /** The connection counters every run reports the same way. */
    static void reportConnections(RunReport report, Tally tally) {
        report.result("attempted", tally.attempted())
                .result("welcomed", tally.welcomedCount())
                .result("connectFailures", tally.failedCount())
                .result("failuresByReason", tally.failures())
                .result("closesByCode", tally.closeCodes())
                .result("errorEvents", tally.errors())
                .result("framesReceived", tally.frames())
                .result("eventsReceived", tally.events())
                .result("unreadableFrames", tally.unreadableFrames())
                .result("protocolViolations", tally.protocolViolations());
        if (tally.protocolViolations() > 0) report.result("firstProtocolViolation", tally.firstProtocolViolation());
        report.check("protocol violations", "= 0", tally.protocolViolations(), tally.protocolViolations() == 0);
    }

    /** A run that cannot go on, with the reason for the user. */
    static final class RunAborted extends Exception {
        RunAborted(String message) {
            super(message);
        }
    }

    /**
     * The machine's one-minute load average: the runs share two cores with whatever else runs, and
     * a figure taken on a busy machine says so in its own record. -1 where Linux does not tell.
     */
    static double loadAverage() {
        try {
            String text = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"));
            return Double.parseDouble(text.trim().split("\\s+")[0]);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    static long deadline(Duration fromNow) {
        return System.nanoTime() + fromNow.toNanos();
    }

    static double seconds(long nanos) {
        return Math.round(nanos / 1e7) / 100.0;
    }
}
