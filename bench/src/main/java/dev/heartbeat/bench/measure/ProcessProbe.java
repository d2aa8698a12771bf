package dev.heartbeat.bench.measure;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads another process's resident memory and CPU time from Linux's /proc, so a run can say what
 * each connection and each delivered event cost the server. Works for any server process.
 */
public final class ProcessProbe {
    /** Clock ticks per second when {@code getconf CLK_TCK} cannot be asked: Linux's usual value. */
    private static final long DEFAULT_TICKS_PER_SECOND = 100;
    /** Each generation's (Serial, Parallel) or the whole heap's (G1) line: "total 262144K, used 12345K". */
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

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

    /**
     * CPU time by thread group: each thread's name ({@code /proc/PID/task/TID/comm}, 15 characters
     * at most) with its digits folded to '#', so a pool's threads add up. Threads that ended are
     * missing: compare two snapshots taken while the same threads run.
     */
    public Map<String, Long> cpuNanosByThreadGroup() {
        Map<String, Long> groups = new TreeMap<>();
        Path tasks = status.getParent().resolve("task");
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                try {
                    String name = readText(thread.resolve("comm"), StandardCharsets.UTF_8).trim();
                    long nanos = parseCpuTicks(readText(thread.resolve("stat"), StandardCharsets.US_ASCII))
                            * (1_000_000_000L / ticksPerSecond);
                    groups.merge(threadGroup(name), nanos, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // The thread ended while we looked: it is simply not counted.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + tasks, e);
        }
        return groups;
    }

    static String threadGroup(String threadName) {
        return threadName.replaceAll("[0-9]+", "#");
    }

    /**
     * The {@code limit} thread groups that used the most CPU between two snapshots, as
     * {@code {"heartbeat-flush": 8120, ...}} in milliseconds, busiest first.
     */
    public static Map<String, Long> busiestThreadGroupsMs(Map<String, Long> before, Map<String, Long> after, int limit) {
        Map<String, Long> busiest = new LinkedHashMap<>();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .forEach(e -> busiest.put(e.getKey(), e.getValue() / 1_000_000));
        return busiest;
    }

    /** Threads the process runs now ({@code Threads:} of its status). */
    public long threads() {
        return parseStatusNumber(read(status), "Threads:");
    }

    /**
     * The Java heap still in use after a full collection, KiB, asked of the JVM with
     * {@code jcmd PID GC.run} and {@code GC.heap_info}: the memory connections really retain,
     * apart from how far the collector let the heap grow. Empty when the process is no JVM of this
     * user or jcmd is missing. Triggers a full GC in the server: use between measurements only.
     */
    public OptionalLong liveHeapKiB() {
        try {
            if (jcmd("GC.run") == null) return OptionalLong.empty();
            String info = jcmd("GC.heap_info");
            return info == null ? OptionalLong.empty() : parseHeapUsedKiB(info);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    static OptionalLong parseHeapUsedKiB(String heapInfo) {
        // G1 prints one line for the whole heap; Serial and Parallel one per generation: add them up.
        Matcher used = HEAP_USED.matcher(heapInfo);
        long total = 0;
        boolean found = false;
        while (used.find()) {
            total += Long.parseLong(used.group(1));
            found = true;
        }
        return found ? OptionalLong.of(total) : OptionalLong.empty();
    }

    private String jcmd(String command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        }
    }

    static long parseVmRssKiB(String statusText) {
        return parseStatusNumber(statusText, "VmRSS:");
    }

    private static long parseStatusNumber(String statusText, String key) {
        for (String line : statusText.split("\n")) {
            if (line.startsWith(key)) {
                String[] parts = line.substring(key.length()).trim().split("\\s+");
                return Long.parseLong(parts[0]);
            }
        }
        throw new IllegalStateException("no " + key + " line: is this a Linux /proc/PID/status of a live process?");
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
            return readText(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (is process " + pid + " running on this machine?)", e);
        }
    }

    /**
     * Through java.io, not NIO: the probe runs inside the load generator, and a file read through a
     * FileChannel made the JIT's compiled socket reads (sun.nio.ch.IOUtil) meet a second dispatcher
     * class and deoptimize every connection's read loop the moment measuring began.
     */
    private static String readText(Path file, Charset charset) throws IOException {
        try (InputStream in = new FileInputStream(file.toFile())) {
            return new String(in.readAllBytes(), charset);
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
