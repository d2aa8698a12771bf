package dev.heartbeat.bench.report;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Prints one status line to stderr at a fixed interval while a run goes on; stdout stays for results. */
public final class Progress implements AutoCloseable {
    private final ScheduledExecutorService ticker;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private volatile Supplier<String> line = () -> "";

    public Progress(PrintStream out, long intervalMillis) {
        this.out = out;
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-progress");
            thread.setDaemon(true);
            return thread;
        });
        if (intervalMillis > 0) {
            ticker.scheduleAtFixedRate(this::print, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** What the next lines say; each run phase sets its own. */
    public void show(Supplier<String> status) {
        this.line = status;
    }

    /** A one-off message, such as a phase change. */
    public void note(String message) {
        out.printf("[%6.1fs] %s%n", elapsedSeconds(), message);
    }

    private void print() {
        try {
            String text = line.get();
            if (!text.isEmpty()) out.printf("[%6.1fs] %s%n", elapsedSeconds(), text);
        } catch (RuntimeException e) {
            out.println("progress: " + e);
        }
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
