package dev.heartbeat.bench.compare;

import dev.heartbeat.bench.compare.Figure.Target;
import java.util.List;

/**
 * The scenarios {@code bench/peers.sh} runs on every server, each with the figures the comparison
 * shows and the targets of the performance issue (#11). A scenario not listed here is shown with
 * the figures of its run type and no targets.
 */
record Scenario(String name, String description, List<Figure> figures) {
    /** 12 KB, in the KiB the load generator reports. */
    static final double TWELVE_KB_IN_KIB = 12_000 / 1024.0;

    static final List<Scenario> KNOWN = List.of(
            new Scenario("idle-10k", "10,000 idle viewers join one space (capacity 5)", List.of(
                    new Figure("connectsPerSecond", "connects/s", 1, Target.atLeastPeer()),
                    Figure.shown("serverCpuJoiningMs", "server CPU while joining (s)", 0.001),
                    new Figure("serverKiBPerConnection", "server RSS per connection (KiB)", 1, Target.atMost(TWELVE_KB_IN_KIB)),
                    Figure.shown("serverLiveHeapKiBPerConnection", "server live heap per connection (KiB)", 1),
                    Figure.shown("framesWhileJoining", "frames sent while joining", 1),
                    Figure.shown("handshakeP99Ms", "handshake p99 (ms)", 1))),
            new Scenario("hold-19k", "19,000 idle viewers held 60 s", List.of(
                    Figure.shown("welcomed", "welcomed", 1),
                    Figure.shown("survived", "survived the hold", 1),
                    new Figure("closedDuringHold", "closed during the hold", 1, Target.equalTo(0)),
                    new Figure("connectFailures", "connect failures", 1, Target.equalTo(0)),
                    Figure.shown("serverKiBPerConnection", "server RSS per connection (KiB)", 1))),
            new Scenario("fanout-1k", "fan-out V=1,000 P=20 R=5", List.of(
                    new Figure("lost", "lost", 1, Target.equalTo(0)),
                    Figure.shown("latencyP50Ms", "latency p50 (ms)", 1),
                    Figure.shown("latencyP99Ms", "latency p99 (ms)", 1),
                    new Figure("serverCpuNsPerEvent", "server CPU per delivered event (µs)", 0.001, Target.atMostPeerTimes(1)),
                    Figure.shown("deliveredPerSecond", "deliveries/s", 1))),
            new Scenario("fanout-5k", "fan-out V=5,000 P=50 R=5", List.of(
                    new Figure("lost", "lost", 1, Target.equalTo(0)),
                    Figure.shown("latencyP50Ms", "latency p50 (ms)", 1),
                    new Figure("latencyP99Ms", "latency p99 (ms)", 1, Target.atMostPeerTimes(1)),
                    Figure.shown("warmupLatencyP99Ms", "latency p99 during the warm-up (ms)", 1),
                    Figure.shown("serverCpuNsPerEvent", "server CPU per delivered event (µs)", 0.001),
                    Figure.shown("deliveredPerSecond", "deliveries/s", 1))),
            new Scenario("churn-200", "churn 200 connects/s, 100 watching", List.of(
                    new Figure("churnErrors", "churn errors", 1, Target.equalTo(0)),
                    Figure.shown("handshakeP50Ms", "handshake p50 (ms)", 1),
                    new Figure("handshakeP99Ms", "handshake p99 (ms)", 1, Target.atMostPeerTimes(2)),
                    new Figure("serverCpuPercent", "server CPU (% of a core)", 1, Target.atMostPeerTimes(1.5)))));

    static Scenario named(String name, String run) {
        for (Scenario known : KNOWN) if (known.name.equals(name)) return known;
        List<Figure> figures = switch (run) {
            case "idle" -> List.of(Figure.shown("connectsPerSecond", "connects/s", 1),
                    Figure.shown("serverKiBPerConnection", "server RSS per connection (KiB)", 1));
            case "fanout" -> List.of(Figure.shown("lost", "lost", 1), Figure.shown("latencyP99Ms", "latency p99 (ms)", 1),
                    Figure.shown("serverCpuNsPerEvent", "server CPU per delivered event (µs)", 0.001));
            case "churn" -> List.of(Figure.shown("handshakeP99Ms", "handshake p99 (ms)", 1),
                    Figure.shown("serverCpuPercent", "server CPU (% of a core)", 1));
            default -> List.of();
        };
        return new Scenario(name, run, figures);
    }
}
