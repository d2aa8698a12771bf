package dev.heartbeat.bench.run;

import dev.heartbeat.bench.client.ClientFleet;
import dev.heartbeat.bench.measure.ProcessProbe;
import dev.heartbeat.bench.report.RunReport;
import dev.heartbeat.protocol.message.SpaceName;
import java.net.InetAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the server is and how to connect to it: the options every run shares. */
public final class TargetOptions {
    @Option(names = "--url", defaultValue = "ws://127.0.0.1:8080",
            description = "Server base URL; runs connect to <url>/ws/<space>. Several nodes of a cluster, comma "
                    + "separated, take connections in turn. Loopback only (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--space", defaultValue = "bench", description = "Space to load (default: ${DEFAULT-VALUE}).")
    String space;

    @Option(names = "--pid", description = "Server process id on this machine: reports its memory and CPU from /proc.")
    Long pid;

    @Option(names = "--source-addresses", defaultValue = "0",
            description = "How many of 127.0.0.1.. to connect from; 0 picks one per "
                    + ClientFleet.CONNECTIONS_PER_SOURCE_ADDRESS + " connections (default: auto).")
    int sourceAddresses;

    @Option(names = "--selectors", defaultValue = "4",
            description = "Client selector threads in all; one caps the client at one core (default: ${DEFAULT-VALUE}).")
    int selectors;

    @Option(names = "--max-handshakes", defaultValue = "200",
            description = "Connects in flight at once (default: ${DEFAULT-VALUE}).")
    int maxHandshakes;

    @Option(names = "--connect-rate", defaultValue = "0",
            description = "Most new connections a second while ramping up; 0 = as fast as handshakes allow (default: ${DEFAULT-VALUE}).")
    double connectRate;

    @Option(names = "--connect-timeout-s", defaultValue = "180",
            description = "Longest the ramp-up may take before the run goes on with what it has (default: ${DEFAULT-VALUE}).")
    int connectTimeoutSeconds;

    @Option(names = "--label", description = "A name for this run in its JSON line, e.g. node-ws/idle-10k; "
            + "bench compare groups runs by it (SERVER/SCENARIO).")
    String label;

    @Option(names = "--progress-ms", defaultValue = "1000",
            description = "Interval of progress lines on stderr; 0 = none (default: ${DEFAULT-VALUE}).")
    long progressMillis;

    /** One connect (TCP and upgrade) may take this long before it counts as failed. */
    static final Duration SINGLE_CONNECT_TIMEOUT = Duration.ofSeconds(15);

    /** Checks what can be checked before any socket opens; throws with a message for the user. */
    void validate() {
        for (String node : urls()) validate(node);
        if (!SpaceName.isValid(space)) throw new IllegalArgumentException("--space: " + SpaceName.rule());
        if (sourceAddresses < 0 || sourceAddresses > ClientFleet.MAX_SOURCE_ADDRESSES) {
            throw new IllegalArgumentException("--source-addresses must be 0 to " + ClientFleet.MAX_SOURCE_ADDRESSES);
        }
        OptionRanges.range("--selectors", selectors, 1, 64);
        OptionRanges.range("--max-handshakes", maxHandshakes, 1, 10_000);
        OptionRanges.range("--connect-rate", connectRate, 0, 100_000);
        OptionRanges.range("--connect-timeout-s", connectTimeoutSeconds, 1, 3_600);
        OptionRanges.range("--progress-ms", progressMillis, 0, 60_000);
    }

    private static void validate(String node) {
        URI base = base(node);
        if (!"ws".equals(base.getScheme())) throw new IllegalArgumentException("--url must start with ws://");
        if (base.getHost() == null) throw new IllegalArgumentException("--url needs a host, e.g. ws://127.0.0.1:8080");
        try {
            for (InetAddress address : InetAddress.getAllByName(base.getHost())) {
                // Load runs stay on this machine: they would be an attack on anyone else's.
                if (!address.isLoopbackAddress()) {
                    throw new IllegalArgumentException("--url must point at this machine's loopback (127.0.0.0/8 or ::1); "
                            + base.getHost() + " is " + address.getHostAddress());
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host in --url: " + base.getHost(), e);
        }
    }

    /**
     * The WebSocket URI of {@code spaceName} for the {@code index}-th connection, with a display name
     * that says who is connecting; with several nodes the connections take them in turn.
     */
    URI uri(String spaceName, String displayName, long index) {
        List<String> nodes = urls();
        String node = nodes.get((int) Math.floorMod(index, (long) nodes.size()));
        String base = node.endsWith("/") ? node.substring(0, node.length() - 1) : node;
        return URI.create(base + "/ws/" + spaceName + "?name=" + URLEncoder.encode(displayName, StandardCharsets.UTF_8));
    }

    private List<String> urls() {
        return Arrays.stream(url.split(",")).map(String::trim).filter(u -> !u.isEmpty()).toList();
    }

    Optional<ProcessProbe> serverProbe() {
        return pid == null ? Optional.empty() : Optional.of(ProcessProbe.of(pid));
    }

    int sourceAddressesFor(long connections) {
        return sourceAddresses > 0 ? sourceAddresses : ClientFleet.sourceAddressesFor(connections);
    }

    ClientFleet newFleet(long connections, Duration longestRun) throws Exception {
        // The client never closes a quiet connection during a run: the server's pings keep it alive.
        return new ClientFleet(sourceAddressesFor(connections), selectors, maxHandshakes, SINGLE_CONNECT_TIMEOUT,
                longestRun.plusMinutes(5));
    }

    void describe(RunReport report) {
        if (label != null) report.param("label", label);
        report.param("url", url).param("space", space);
        if (pid != null) report.param("serverPid", pid);
        report.param("maxHandshakes", maxHandshakes).param("connectRate", connectRate);
    }

    private static URI base(String node) {
        try {
            return URI.create(node);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--url is not a URL: " + node, e);
        }
    }
}
