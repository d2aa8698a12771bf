package dev.heartbeat.server.config;

import dev.heartbeat.server.record.RecordingRetention;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Option;

/**
 * The command line, parsed once by picocli. Each option's value comes from, first to last: the
 * option, its {@code HEARTBEAT_…} variable, the {@code --config} file, its default.
 */
@Command(name = "heartbeat-server", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = ServerOptions.Version.class,
        description = "Hosts shared heartbeat spaces over WebSockets and serves the web client.",
        defaultValueProvider = EnvironmentDefaults.class,
        footer = {"", "Every option can also be set with a HEARTBEAT_ variable (--batch-ms:",
                "HEARTBEAT_BATCH_MS) or as a key in the --config file (batch-ms=16).",
                "Options win over variables, variables over the file.",
                "Health: GET /health/live, GET /health/ready (also /health).",
                "Metrics: GET /metrics (Prometheus text)."})
public final class ServerOptions {
    /** How log lines are written: plain text, or one JSON object per line for a log collector. */
    public enum LogFormat { TEXT, JSON }

    /** Levels as Logback names them; an enum, so that a typo is refused rather than read as DEBUG. */
    public enum LogLevel { ERROR, WARN, INFO, DEBUG, TRACE }

    @Option(names = ConfigFile.OPTION, paramLabel = "FILE",
            description = "Properties file of option defaults, e.g. batch-ms=0; options and variables win over it.")
    Path config;

    @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).", defaultValue = "0.0.0.0")
    String host;

    @Option(names = "--port", description = "TCP port; 0 picks a free one and logs it (default: ${DEFAULT-VALUE}).",
            defaultValue = "8080")
    int port;

    @Option(names = "--capacity", description = "Active lines per space; the rest wait in line (default: ${DEFAULT-VALUE}).",
            defaultValue = "5")
    int capacity;

    @Option(names = "--max-queue", description = "Viewers who may wait per space; past it 4002 (default: ${DEFAULT-VALUE}).",
            defaultValue = "1000")
    int maxQueue;

    @Option(names = "--batch-ms", description = "Outbound batching window in ms; 0 sends at once (default: ${DEFAULT-VALUE}).",
            defaultValue = "16")
    int batchMs;

    @Option(names = "--pulses-per-second", description = "Pulses a connection may send each second (default: ${DEFAULT-VALUE}).",
            defaultValue = "10")
    int pulsesPerSecond;

    @Option(names = "--ping-interval", description = "WebSocket ping interval, e.g. 25s (default: ${DEFAULT-VALUE}).",
            defaultValue = "25s", converter = DurationConverter.class)
    Duration pingInterval;

    @Option(names = "--idle-timeout", description = "Close a connection silent this long, e.g. 60s (default: ${DEFAULT-VALUE}).",
            defaultValue = "60s", converter = DurationConverter.class)
    Duration idleTimeout;

    @Option(names = "--resume-grace", description = "How long a lost viewer's line is kept for it (default: ${DEFAULT-VALUE}).",
            defaultValue = "15s", converter = DurationConverter.class)
    Duration resumeGrace;

    @Option(names = "--allowed-origins", split = ",", paramLabel = "ORIGIN",
            description = "Extra browser origins allowed to connect, comma separated; * allows any. "
                    + "The server's own host and localhost are always allowed.")
    List<String> allowedOrigins = new ArrayList<>();

    @Option(names = "--max-connections", description = "Open connections at most; past it 503 (default: ${DEFAULT-VALUE}).",
            defaultValue = "60000")
    int maxConnections;

    @Option(names = "--max-connections-per-address", defaultValue = "500",
            description = "Open connections one client address may hold; past it 429 (default: ${DEFAULT-VALUE}).")
    int maxConnectionsPerAddress;

    @Option(names = "--new-spaces-per-minute", defaultValue = "30",
            description = "New spaces one client address may open a minute (a burst of as many); past it 429 (default: ${DEFAULT-VALUE}).")
    int newSpacesPerMinute;

    @Option(names = "--handshake-timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long a socket may take to send its first request or upgrade (default: ${DEFAULT-VALUE}).")
    Duration handshakeTimeout;

    @Option(names = "--max-spaces", description = "Spaces at most; past it 503 for new ones (default: ${DEFAULT-VALUE}).",
            defaultValue = "10000")
    int maxSpaces;

    @Option(names = "--admin-token", description = "Token for POST /api/spaces/{space}/announce; announcements are off without it.")
    String adminToken;

    @Option(names = "--redis", paramLabel = "URI",
            description = "Join a cluster of nodes through Redis, e.g. redis://localhost:6379. Without it the server runs alone.")
    String redis;

    @Option(names = "--node-id", description = "This node's name in a cluster (default: a random one).")
    String nodeId;

    @Option(names = "--recordings", paramLabel = "DIR", defaultValue = "recordings",
            description = "Folder for recordings; created if missing (default: ${DEFAULT-VALUE}).")
    Path recordings;

    @Option(names = "--no-record", description = "Do not record spaces; recordings already in the folder are still served.")
    boolean noRecord;

    @Option(names = "--record-gzip", description = "Write recordings as .hbrec.gz.")
    boolean recordGzip;

    @Option(names = "--recordings-keep", paramLabel = "KEEP", defaultValue = RecordingRetention.DEFAULT,
            description = "Recordings to keep: a file count, an age, a total size, or several: 500,30d,2gb (default: ${DEFAULT-VALUE}).")
    String recordingsKeep;

    @Option(names = "--warm-up", defaultValue = "90s", converter = DurationConverter.class,
            description = "After start, run traffic through a throwaway server on loopback until the JIT has compiled it, at most "
                    + "this long, so that visitors meet compiled code; /health/ready says 503 meanwhile; 0s for none (default: ${DEFAULT-VALUE}).")
    Duration warmUp;

    @Option(names = "--log-format", paramLabel = "FORMAT",
            description = "text, or json: one JSON object per line for a log collector (default: ${DEFAULT-VALUE}).",
            defaultValue = "text")
    LogFormat logFormat;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "ERROR, WARN, INFO, DEBUG or TRACE (default: ${DEFAULT-VALUE}).",
            defaultValue = "INFO")
    LogLevel logLevel;

    /**
     * The command line for {@code args}, its defaults chained: the environment, then the file that
     * {@code --config} (or {@code HEARTBEAT_CONFIG}) names.
     *
     * @throws IllegalArgumentException with a one-line reason when the config file cannot be used
     * @throws picocli.CommandLine.ParameterException when the arguments do not parse
     */
    public static CommandLine commandLine(ServerOptions options, String[] args, Map<String, String> environment) {
        CommandLine cli = new CommandLine(options).setCaseInsensitiveEnumValuesAllowed(true);
        IDefaultValueProvider file = ConfigFile.locate(args, environment)
                .<IDefaultValueProvider>map(path -> ConfigFile.read(path, cli.getCommandSpec()))
                .orElse(argSpec -> null);
        return cli.setDefaultValueProvider(new EnvironmentDefaults(environment, file));
    }

    /**
     * Hands the log settings to {@code logback.xml}. Must run before the first logger is made:
     * Logback reads its configuration once, then.
     */
    public void configureLogging() {
        System.setProperty("heartbeat.log.format", logFormat.name().toLowerCase(Locale.ROOT));
        System.setProperty("heartbeat.log.level", logLevel.name());
    }

    /** @throws IllegalArgumentException with a one-line reason when the values do not fit together */
    public ServerConfig toConfig() {
        ServerConfig.Builder builder = ServerConfig.builder()
                .host(host).port(port).capacity(capacity).maxQueue(maxQueue).batchMs(batchMs)
                .pulsesPerSecond(pulsesPerSecond).pingInterval(pingInterval).idleTimeout(idleTimeout)
                .resumeGrace(resumeGrace).allowedOrigins(allowedOrigins).maxConnections(maxConnections)
                .maxConnectionsPerAddress(maxConnectionsPerAddress).newSpacesPerMinute(newSpacesPerMinute)
                .handshakeTimeout(handshakeTimeout)
                .maxSpaces(maxSpaces).adminToken(adminToken).redis(redis)
                .record(!noRecord).recordingsFolder(recordings).recordGzip(recordGzip)
                .recordingsKeep(RecordingRetention.parse(recordingsKeep)).warmUp(warmUp);
        if (nodeId != null) builder.nodeId(nodeId);
        return builder.build();
    }

    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ServerOptions.class.getPackage().getImplementationVersion();
            return new String[] {"heartbeat-server " + (version == null ? "development" : version) + ", protocol 1"};
        }
    }
}
