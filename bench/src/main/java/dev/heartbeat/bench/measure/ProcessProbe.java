package dev.heartbeat.bench.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Reads another process's resident memory and CPU time from Linux's /proc, so a run can say what
 * each connection and each delivered event cost the server. Works for any server process.
 */
public final class ProcessProbe {
    /** Clock ticks per second when {@code getconf CLK_TCK} cannot be asked: Linux's usual value. */
    private static final long DEFAULT_TICKS_PER_SECOND = 100;

    private final long pid;
    private final Path status;
    private final Path stat;
    private final long ticksPerSecond;

    private ProcessProbe(long pid, Path procRoot, long ticksPerSecond) {
        this.pid = pid;
        this.status = procRoot.resolve(Long.toString(pid)).resolve("status");
        this.stat = procRoot.resolve(Long.toString(pid)).resolve("stat");
        this.ticksPerSecond = ticksPerSecond;
    }

    /** A probe of a live process; fails at once with a clear message when it cannot be read. */
    public static ProcessProbe of(long pid) {
        ProcessProbe probe = new ProcessProbe(pid, Path.of("/proc"), ticksPerSecond());
        probe.rssKiB();
        probe.cpuNanos();
        return probe;
    }

    /** For tests: a probe reading a /proc-like tree. */
    static ProcessProbe at(Path procRoot, long pid, long ticksPerSecond) {
        return new ProcessProbe(pid, procRoot, ticksPerSecond);
    }

    public long pid() {
        return pid;
    }

    /** Resident set size, KiB ({@code VmRSS}). */
    public long rssKiB() {
        return parseVmRssKiB(read(status));
    }

    /** User plus system CPU time the process has used, in nanoseconds. */
    public long cpuNanos() {
        return parseCpuTicks(read(stat)) * (1_000_000_000L / ticksPerSecond);
    }

    static long parseVmRssKiB(String statusText) {
        for (String line : statusText.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                return Long.parseLong(parts[0]);
            }
        }
        throw new IllegalStateException("no VmRSS line: is this a Linux /proc/PID/status of a live process?");
    }

    /** utime + stime, fields 14 and 15; the command name (field 2) may hold spaces and parentheses. */
    static long parseCpuTicks(String statText) {
        int afterName = statText.lastIndexOf(')');
        if (afterName < 0) throw new IllegalStateException("unreadable /proc/PID/stat");
        String[] fields = statText.substring(afterName + 1).trim().split("\\s+");
        // fields[0] is field 3 (state), so utime (14) is fields[11] and stime (15) fields[12].
        if (fields.length < 13) throw new IllegalStateException("short /proc/PID/stat");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (is process " + pid + " running on this machine?)", e);
        }
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                long ticks = Long.parseLong(out);
                if (ticks > 0) return ticks;
            }
        } catch (IOException | NumberFormatException e) {
            // Fall through to the usual value.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return DEFAULT_TICKS_PER_SECOND;
    }
}
