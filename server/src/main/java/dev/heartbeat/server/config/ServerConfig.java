package dev.heartbeat.server.config;

import dev.heartbeat.server.record.RecordingRetention;
import dev.heartbeat.server.record.RecordingSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Everything the server is told at start, parsed once and passed down; nothing reads global
 * state later. Build with {@link #builder()}; the builder starts from the documented defaults.
 */
public record ServerConfig(
        String host,
        int port,
        int capacity,
        int maxQueue,
        int batchMs,
        int pulsesPerSecond,
        int maxMessageBytes,
        Duration pingInterval,
        Duration idleTimeout,
        Duration resumeGrace,
        List<String> allowedOrigins,
        int maxConnections,
        int maxConnectionsPerAddress,
        int newSpacesPerMinute,
        Duration handshakeTimeout,
        int maxSpaces,
        int outboundQueueLimit,
        Optional<String> adminToken,
        Optional<String> redis,
        String nodeId,
        boolean record,
        Path recordingsFolder,
        boolean recordGzip,
        RecordingRetention recordingsKeep,
        Duration warmUp) {

    public ServerConfig {
        allowedOrigins = List.copyOf(allowedOrigins);
        if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1");
        if (maxQueue < 0) throw new IllegalArgumentException("max queue must not be negative");
        if (batchMs < 0 || batchMs > 1000) throw new IllegalArgumentException("batch window must be 0 to 1000 ms");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0 to 65535");
        if (pulsesPerSecond < 1) throw new IllegalArgumentException("pulses per second must be at least 1");
        if (pingInterval.isNegative() || pingInterval.isZero()) throw new IllegalArgumentException("ping interval must be positive");
        if (idleTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("idle timeout must be longer than the ping interval");
        }
        if (maxConnections < 1) throw new IllegalArgumentException("max connections must be at least 1");
        if (maxConnectionsPerAddress < 1) throw new IllegalArgumentException("max connections per address must be at least 1");
        if (newSpacesPerMinute < 1) throw new IllegalArgumentException("new spaces per minute must be at least 1");
        if (warmUp.isNegative()) throw new IllegalArgumentException("warm-up must not be negative");
        if (handshakeTimeout.toMillis() < 100) throw new IllegalArgumentException("handshake timeout must be at least 100 ms");
        if (maxSpaces < 1) throw new IllegalArgumentException("max spaces must be at least 1");
        if (outboundQueueLimit < 16) throw new IllegalArgumentException("outbound queue limit must be at least 16");
        adminToken = adminToken.filter(token -> !token.isBlank());
        redis = redis.filter(uri -> !uri.isBlank());
        if (redis.isPresent() && !redis.get().matches("rediss?://.+")) {
            throw new IllegalArgumentException("redis must be a URI such as redis://host:6379, was " + redis.get());
        }
        if (!nodeId.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("node id must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .host(host).port(port).capacity(capacity).maxQueue(maxQueue).batchMs(batchMs)
                .pulsesPerSecond(pulsesPerSecond).maxMessageBytes(maxMessageBytes)
                .pingInterval(pingInterval).idleTimeout(idleTimeout).resumeGrace(resumeGrace)
                .allowedOrigins(allowedOrigins).maxConnections(maxConnections)
                .maxConnectionsPerAddress(maxConnectionsPerAddress).newSpacesPerMinute(newSpacesPerMinute)
                .handshakeTimeout(handshakeTimeout).maxSpaces(maxSpaces)
                .outboundQueueLimit(outboundQueueLimit).adminToken(adminToken.orElse(null))
                .redis(redis.orElse(null)).nodeId(nodeId)
                .record(record).recordingsFolder(recordingsFolder).recordGzip(recordGzip).recordingsKeep(recordingsKeep)
                .warmUp(warmUp);
    }

    /** Defaults are the contract's; each is documented in the README's configuration table. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int port = 8080;
        private int capacity = 5;
        private int maxQueue = 1000;
        private int batchMs = 16;
        private int pulsesPerSecond = 10;
        private int maxMessageBytes = 1024;
        private Duration pingInterval = Duration.ofSeconds(25);
        private Duration idleTimeout = Duration.ofSeconds(60);
        private Duration resumeGrace = Duration.ofSeconds(15);
        private List<String> allowedOrigins = List.of();
        private int maxConnections = 60_000;
        private int maxConnectionsPerAddress = 500;
        private int newSpacesPerMinute = 30;
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private int maxSpaces = 10_000;
        private int outboundQueueLimit = 512;
        private String adminToken;
        private String redis;
        private String nodeId = randomNodeId();
        private boolean record = true;
        private Path recordingsFolder = RecordingSettings.DEFAULT_FOLDER;
        private boolean recordGzip;
        private RecordingRetention recordingsKeep = RecordingRetention.defaults();
        /** None when embedded (tests start many servers); the command line's default is {@code --warm-up}'s. */
        private Duration warmUp = Duration.ZERO;

        public Builder host(String value) { host = value; return this; }
        public Builder port(int value) { port = value; return this; }
        public Builder capacity(int value) { capacity = value; return this; }
        public Builder maxQueue(int value) { maxQueue = value; return this; }
        public Builder batchMs(int value) { batchMs = value; return this; }
        public Builder pulsesPerSecond(int value) { pulsesPerSecond = value; return this; }
        public Builder maxMessageBytes(int value) { maxMessageBytes = value; return this; }
        public Builder pingInterval(Duration value) { pingInterval = value; return this; }
        public Builder idleTimeout(Duration value) { idleTimeout = value; return this; }
        public Builder resumeGrace(Duration value) { resumeGrace = value; return this; }
        public Builder allowedOrigins(List<String> value) { allowedOrigins = value; return this; }
        public Builder maxConnections(int value) { maxConnections = value; return this; }
        public Builder maxConnectionsPerAddress(int value) { maxConnectionsPerAddress = value; return this; }
        public Builder newSpacesPerMinute(int value) { newSpacesPerMinute = value; return this; }
        public Builder handshakeTimeout(Duration value) { handshakeTimeout = value; return this; }
        public Builder maxSpaces(int value) { maxSpaces = value; return this; }
        public Builder outboundQueueLimit(int value) { outboundQueueLimit = value; return this; }
        public Builder adminToken(String value) { adminToken = value; return this; }
        public Builder redis(String value) { redis = value; return this; }
        public Builder nodeId(String value) { nodeId = value; return this; }
        public Builder record(boolean value) { record = value; return this; }
        public Builder recordingsFolder(Path value) { recordingsFolder = value; return this; }
        public Builder recordGzip(boolean value) { recordGzip = value; return this; }
        public Builder recordingsKeep(RecordingRetention value) { recordingsKeep = value; return this; }
        public Builder warmUp(Duration value) { warmUp = value; return this; }

        public ServerConfig build() {
            return new ServerConfig(host, port, capacity, maxQueue, batchMs, pulsesPerSecond, maxMessageBytes,
                    pingInterval, idleTimeout, resumeGrace, allowedOrigins, maxConnections, maxConnectionsPerAddress,
                    newSpacesPerMinute, handshakeTimeout, maxSpaces,
                    outboundQueueLimit, Optional.ofNullable(adminToken), Optional.ofNullable(redis), nodeId,
                    record, recordingsFolder, recordGzip, recordingsKeep, warmUp);
        }

        private static String randomNodeId() {
            return "node-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
        }
    }
}
