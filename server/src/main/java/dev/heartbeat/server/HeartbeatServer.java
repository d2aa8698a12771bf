package dev.heartbeat.server;

import dev.heartbeat.protocol.codec.ProtocolCodec;
import dev.heartbeat.protocol.message.Limits;
import dev.heartbeat.server.cluster.ClusterSpaces;
import dev.heartbeat.server.config.ServerConfig;
import dev.heartbeat.server.fanout.FlushClock;
import dev.heartbeat.server.http.Deadlocks;
import dev.heartbeat.server.http.Health;
import dev.heartbeat.server.http.Pages;
import dev.heartbeat.server.http.SpacesApi;
import dev.heartbeat.server.record.RecordingCatalog;
import dev.heartbeat.server.record.RecordingFolder;
import dev.heartbeat.server.record.RecordingInfo;
import dev.heartbeat.server.record.RecordingSettings;
import dev.heartbeat.server.record.RecordingsApi;
import dev.heartbeat.server.record.SpaceRecorder;
import dev.heartbeat.server.space.LocalSpaces;
import dev.heartbeat.server.space.ResumeSecretFile;
import dev.heartbeat.server.space.ResumeTokens;
import dev.heartbeat.server.space.SpaceObserver;
import dev.heartbeat.server.space.SpaceSettings;
import dev.heartbeat.server.space.Spaces;
import dev.heartbeat.server.ws.AddressLimits;
import dev.heartbeat.server.ws.HandshakeDeadline;
import dev.heartbeat.server.ws.OriginPolicy;
import dev.heartbeat.server.ws.SpaceEndpoint;
import dev.heartbeat.server.ws.SpaceUpgrade;
import dev.heartbeat.server.ws.UpgradeGuard;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the server together, top to bottom: spaces, fan-out, the WebSocket endpoint, HTTP, metrics. */
public final class HeartbeatServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatServer.class);
    /** How long a graceful stop waits for connections to take their last frames and 1001. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(3);
    private static final int SOCKETS_PAST_THE_CAP = 64;

    private final ServerConfig config;
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final PlatformMetrics platform = PlatformMetrics.bind(registry);
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "heartbeat-timers");
        thread.setDaemon(true);
        return thread;
    });
    private final FlushClock flushClock;
    private final Spaces spaces;
    private final SpaceEndpoint endpoint;
    private final Health health = new Health();
    private final Optional<SpaceRecorder> recorder;
    private final Javalin app;
    private volatile Optional<WarmUp> warmUp = Optional.empty(); // closed from the signal handler's thread

    public HeartbeatServer(ServerConfig config) {
        this(config, SpaceObserver.NONE);
    }

    public HeartbeatServer(ServerConfig config, SpaceObserver observer) {
        this.config = config;
        Clock clock = Clock.systemUTC();
        ProtocolCodec codec = new ProtocolCodec(config.maxMessageBytes());
        Limits limits = new Limits(config.batchMs(), config.pulsesPerSecond(), config.maxMessageBytes());
        ServerMetrics metrics = new ServerMetrics(registry);
        this.flushClock = new FlushClock(config.batchMs());
        this.recorder = config.record()
                ? Optional.of(new SpaceRecorder(RecordingSettings.of(config.recordingsFolder())
                        .withGzip(config.recordGzip()).withRetention(config.recordingsKeep()), registry))
                : Optional.empty();
        health.register("threads", Health.Scope.LIVE, Deadlocks::problem);
        recorder.ifPresent(r -> health.register("recordings", Health.Scope.WARNING, r::problem));
        SpaceObserver observers = recorder.map(r -> SpaceObserver.both(r, observer)).orElse(observer);
        SpaceSettings settings = new SpaceSettings(config.capacity(), config.maxQueue(), config.resumeGrace(), limits,
                codec, observers, clock, timers, flushClock, metrics);
        ResumeTokens tokens;
        if (config.redis().isPresent()) {
            ClusterSpaces cluster = new ClusterSpaces(settings, config.maxSpaces(), config.redis().get(), config.nodeId());
            health.register("redis", cluster::outage);
            Gauge.builder("heartbeat.cluster.redis.up", () -> cluster.outage().isEmpty() ? 1 : 0)
                    .description("1 while this node reaches Redis").register(registry);
            this.spaces = cluster;
            tokens = new ResumeTokens(cluster.resumeSecret());
        } else {
            this.spaces = new LocalSpaces(settings, config.maxSpaces());
            tokens = new ResumeTokens(localSecret(config.recordingsFolder()));
        }
        AddressLimits addresses = new AddressLimits(config.maxConnectionsPerAddress(), config.newSpacesPerMinute());
        this.endpoint = new SpaceEndpoint(config, spaces, codec, flushClock, metrics, clock, tokens, addresses);
        metrics.watch(spaces, endpoint::connectionCount);
        health.register("server", () -> shuttingDown.get() ? Optional.of("shutting down") : Optional.empty());

        SpaceUpgrade upgrade = new SpaceUpgrade(new UpgradeGuard(new OriginPolicy(config.allowedOrigins()), spaces,
                endpoint::connectionCount, config.maxConnections(), shuttingDown::get, addresses), endpoint);
        SpacesApi spacesApi = new SpacesApi(spaces, config.adminToken());
        RecordingsApi recordingsApi = new RecordingsApi(new RecordingCatalog(new RecordingFolder(config.recordingsFolder()),
                recorder.<Supplier<Map<String, RecordingInfo>>>map(r -> r::live).orElse(Map::of)));
        Pages pages = new Pages();

        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.threadPool = platform.threads(jettyThreads());
            cfg.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(config.host());
                connector.setPort(config.port());
                connector.addEventListener(new HandshakeDeadline(connector.getScheduler(), config.handshakeTimeout()));
                // Sockets at all, upgraded or not: room past the WebSocket cap for its 503s and for the HTTP API.
                server.addBean(new NetworkConnectionLimit(config.maxConnections() + SOCKETS_PAST_THE_CAP, connector));
                connector.addBean(platform.connections(connector));
                return connector;
            });
            cfg.jetty.modifyServer(server -> upgrade.install(server, config));
            // Outermost, after the upgrade is installed, so that it also times the upgrades; Javalin nests its own inside.
            cfg.jetty.modifyServer(server -> server.insertHandler(platform.requests()));
            if (Pages.webClientPackaged()) cfg.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
                files.headers = Map.of(
                        "Content-Security-Policy", Pages.CONTENT_SECURITY_POLICY,
                        "X-Content-Type-Options", "nosniff",
                        "Cache-Control", "no-cache");
            });
            cfg.routes.get("/s/{space}", pages::space);
            cfg.routes.get("/health", health::ready);
            cfg.routes.get("/health/live", health::live);
            cfg.routes.get("/health/ready", health::ready);
            cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(registry.scrape()));
            cfg.routes.get("/api/spaces", spacesApi::list);
            cfg.routes.get("/api/spaces/{space}", spacesApi::show);
            cfg.routes.post("/api/spaces/{space}/announce", spacesApi::announce);
            cfg.routes.get("/api/recordings", recordingsApi::list);
            cfg.routes.get("/api/recordings/{id}", recordingsApi::download);
            cfg.routes.get("/api/recordings/{id}/events", recordingsApi::events);
            cfg.routes.get("/api/recordings/{id}/overview", recordingsApi::overview);
            cfg.routes.get("/replay", pages::replay);
            cfg.routes.get("/replay/{id}", pages::replay);
        });
    }

    /** The secret kept with the recordings; a server that cannot keep one still runs, but forgets its tokens when it stops. */
    private static byte[] localSecret(Path folder) {
        try {
            return ResumeSecretFile.loadOrCreate(folder);
        } catch (IOException e) {
            LOG.warn("cannot keep the resume secret in {} ({}); tokens will not survive a restart", folder, e.getMessage());
            return ResumeTokens.newSecret();
        }
    }

    /**
     * Jetty's pool, smaller than Javalin's 250: reads and handshakes do not block, yet a connect storm
     * grew the default pool to 250 threads, whose stacks stayed (one is retired a minute).
     */
    private static QueuedThreadPool jettyThreads() {
        QueuedThreadPool pool = new QueuedThreadPool(jettyMaxThreads(), 4, 60_000);
        pool.setName("JettyServerThreadPool");
        pool.setMaxEvictCount(4);
        return pool;
    }

    /** Reads, upgrades and their space operations never block: a few threads a core suffice. */
    public static int jettyMaxThreads() {
        return Math.max(12, 4 * Runtime.getRuntime().availableProcessors());
    }

    public HeartbeatServer start() {
        if (!config.warmUp().isZero()) {
            WarmUp started = WarmUp.start(config);
            health.register("warm-up", started::problem);
            warmUp = Optional.of(started);
        }
        app.start();
        long sweep = endpoint.sweepInterval().toMillis();
        timers.scheduleWithFixedDelay(endpoint::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
        return this;
    }

    public int port() {
        return app.port();
    }

    public ServerConfig config() {
        return config;
    }

    public Health health() {
        return health;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public int connectionCount() {
        return endpoint.connectionCount();
    }

    /** Graceful stop: refuse new sockets, flush what is queued, close every socket with 1001. */
    @Override
    public void close() {
        if (!shuttingDown.compareAndSet(false, true)) return;
        warmUp.ifPresent(WarmUp::close);
        flushClock.drain(DRAIN_TIMEOUT);
        endpoint.closeAll();
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (endpoint.connectionCount() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        app.stop();
        if (spaces instanceof ClusterSpaces cluster) cluster.close();
        recorder.ifPresent(SpaceRecorder::close); // after the spaces: no broadcast arrives any more
        flushClock.close();
        timers.shutdownNow();
        platform.close();
        registry.close();
    }
}
