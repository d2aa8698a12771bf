package dev.heartbeat.bench.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The operating system limits a large run runs into: open files per process (each connection is
 * one) and the ephemeral port range (each connection from one source address takes one port).
 */
public final class HostLimits {
    /** Files the JVM itself keeps open (jars, epoll, pipes) besides the sockets. */
    static final int JVM_OWN_FILES = 100;

    private final OptionalLong openFiles;
    private final OptionalLong ephemeralPorts;

    HostLimits(OptionalLong openFiles, OptionalLong ephemeralPorts) {
        this.openFiles = openFiles;
        this.ephemeralPorts = ephemeralPorts;
    }

    /** This process's limits, as far as Linux tells them; empty where it does not. */
    public static HostLimits current() {
        return new HostLimits(read(Path.of("/proc/self/limits")).map(HostLimits::parseOpenFiles).orElse(OptionalLong.empty()),
                read(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).map(HostLimits::parsePortRange).orElse(OptionalLong.empty()));
    }

    /** Warnings for a run of {@code connections} over {@code sourceAddresses}; empty when it fits. */
    public List<String> warningsFor(long connections, int sourceAddresses) {
        List<String> warnings = new ArrayList<>();
        if (openFiles.isPresent() && connections + JVM_OWN_FILES > openFiles.getAsLong()) {
            warnings.add("this process may open " + openFiles.getAsLong() + " files, so at most about "
                    + Math.max(0, openFiles.getAsLong() - JVM_OWN_FILES) + " connections: raise 'ulimit -n' (bench/run.sh raises it"
                    + " to the hard limit) and the server's too");
        }
        if (ephemeralPorts.isPresent() && connections > ephemeralPorts.getAsLong() * sourceAddresses) {
            warnings.add("net.ipv4.ip_local_port_range gives " + ephemeralPorts.getAsLong() + " ports per source address; "
                    + connections + " connections need --source-addresses " + (connections / ephemeralPorts.getAsLong() + 1));
        }
        return warnings;
    }

    static OptionalLong parseOpenFiles(String limits) {
        for (String line : limits.split("\n")) {
            if (line.startsWith("Max open files")) {
                String[] parts = line.substring("Max open files".length()).trim().split("\\s+");
                if (parts.length > 0 && parts[0].chars().allMatch(Character::isDigit) && !parts[0].isEmpty()) {
                    return OptionalLong.of(Long.parseLong(parts[0]));
                }
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    static OptionalLong parsePortRange(String range) {
        String[] parts = range.trim().split("\\s+");
        if (parts.length != 2) return OptionalLong.empty();
        try {
            return OptionalLong.of(Long.parseLong(parts[1]) - Long.parseLong(parts[0]) + 1);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static java.util.Optional<String> read(Path file) {
        try {
            return java.util.Optional.of(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
