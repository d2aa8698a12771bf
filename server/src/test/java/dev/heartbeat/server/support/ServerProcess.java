package dev.heartbeat.server.support;

import dev.heartbeat.server.HeartbeatMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The server as its own JVM, started with {@link HeartbeatMain} exactly as from the jar. */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on .*:(\\d+) ");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private final Thread reader;

    private ServerProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::readOutput, "server-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static ServerProcess start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(HeartbeatMain.class.getName());
        // Tests start many servers: no warm-up unless the test is about it.
        if (List.of(args).stream().noneMatch(arg -> arg.startsWith("--warm-up"))) command.add("--warm-up=0s");
        command.addAll(List.of(args));
        return new ServerProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    public int port() throws Exception {
        return port.get(30, TimeUnit.SECONDS);
    }

    public Process process() {
        return process;
    }

    public int awaitExit() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("server did not exit; output: " + output);
        reader.join(5_000); // the last lines may still be in the pipe
        return process.exitValue();
    }

    public List<String> output() {
        return output;
    }

    private void readOutput() {
        readOutput(process, output, port);
    }

    /**
     * Collects a server's output line by line until it exits, and completes {@code port} with the
     * port its log says it listens on (exceptionally if it exits first).
     */
    public static void readOutput(Process server, List<String> output, CompletableFuture<Integer> port) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) port.complete(Integer.parseInt(matcher.group(1)));
            }
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new AssertionError("server exited before listening: " + output));
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
