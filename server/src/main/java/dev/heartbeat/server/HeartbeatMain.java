package dev.heartbeat.server;

import dev.heartbeat.server.config.HeapFootprint;
import dev.heartbeat.server.config.ServerConfig;
import dev.heartbeat.server.config.ServerOptions;
import dev.heartbeat.server.log.LogSecrets;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code java -jar heartbeat-server.jar}: parses the command line once, starts the server, and on
 * SIGTERM or Ctrl-C stops gracefully and exits 0. A bad option is one clear line and exit code 2.
 */
public final class HeartbeatMain {
    static final int EXIT_USAGE = 2;

    private HeartbeatMain() {}

    public static void main(String[] args) {
        ServerOptions options = new ServerOptions();
        ServerConfig config;
        try {
            CommandLine cli = ServerOptions.commandLine(options, args, System.getenv());
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            if (CommandLine.printHelpIfRequested(parsed)) return;
            options.configureLogging(); // before anything logs
            config = options.toConfig();
            config.adminToken().ifPresent(LogSecrets::hide);
            config.redis().map(LogSecrets::redisPasswords).ifPresent(passwords -> passwords.forEach(LogSecrets::hide));
        } catch (ParameterException | IllegalArgumentException e) {
            PrintWriter err = new PrintWriter(System.err, true);
            err.println(LogSecrets.mask("heartbeat-server: " + e.getMessage() + " (see --help)")); // a bad --redis may hold a password
            System.exit(EXIT_USAGE);
            return;
        }

        HeapFootprint.apply();
        Logger log = LoggerFactory.getLogger(HeartbeatMain.class); // only now: logging is configured above
        HeartbeatServer server = new HeartbeatServer(config).start();
        log.info("Heartbeat listening on {}:{} - open http://localhost:{}/ in a browser", config.host(), server.port(), server.port());
        CountDownLatch stopped = new CountDownLatch(1);
        // Our own handler, not a shutdown hook: the JVM would otherwise exit 143 on SIGTERM.
        SignalHandler stop = signal -> {
            log.info("shutting down: closing {} connections with 1001", server.connectionCount());
            server.close();
            log.info("stopped");
            stopped.countDown();
        };
        Signal.handle(new Signal("TERM"), stop);
        Signal.handle(new Signal("INT"), stop);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(0);
    }
}
