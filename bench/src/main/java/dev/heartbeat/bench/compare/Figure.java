package dev.heartbeat.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalDouble;

/**
 * One figure of a run's results, as a row of the comparison: where it is in the JSON line, how it
 * is shown, and what this server must reach against the peer (or absolutely) to pass.
 */
record Figure(String key, String label, double scale, Target target) {
    /** What a figure must reach; {@code NONE} figures are shown only. */
    record Target(Kind kind, double value) {
        enum Kind { NONE, AT_LEAST_PEER, AT_MOST_PEER_TIMES, AT_MOST, EQUALS }

        static final Target NONE = new Target(Kind.NONE, 0);

        static Target atLeastPeer() {
            return new Target(Kind.AT_LEAST_PEER, 1);
        }

        static Target atMostPeerTimes(double factor) {
            return new Target(Kind.AT_MOST_PEER_TIMES, factor);
        }

        static Target atMost(double value) {
            return new Target(Kind.AT_MOST, value);
        }

        static Target equalTo(double value) {
            return new Target(Kind.EQUALS, value);
        }

        /** A fixed value to reach, not a ratio to the peer: 0 lost, a memory ceiling. */
        boolean isAbsolute() {
            return kind == Kind.AT_MOST || kind == Kind.EQUALS;
        }

        /** Empty when the figure has no target or the peer's figure is missing. */
        java.util.Optional<Boolean> met(double ours, OptionalDouble peer) {
            return switch (kind) {
                case NONE -> java.util.Optional.empty();
                case AT_LEAST_PEER -> peer.isPresent() ? java.util.Optional.of(ours >= peer.getAsDouble()) : java.util.Optional.empty();
                case AT_MOST_PEER_TIMES -> peer.isPresent()
                        ? java.util.Optional.of(ours <= value * peer.getAsDouble()) : java.util.Optional.empty();
                case AT_MOST -> java.util.Optional.of(ours <= value);
                case EQUALS -> java.util.Optional.of(ours == value);
            };
        }

        String describe(String peerName) {
            return switch (kind) {
                case NONE -> "";
                case AT_LEAST_PEER -> ">= " + peerName;
                case AT_MOST_PEER_TIMES -> value == 1 ? "<= " + peerName : "<= " + Table.number(value) + " x " + peerName;
                case AT_MOST -> "<= " + Table.number(value);
                case EQUALS -> "= " + Table.number(value);
            };
        }
    }

    static Figure shown(String key, String label, double scale) {
        return new Figure(key, label, scale, Target.NONE);
    }

    /** The figure in a run's results, scaled for people; empty when the run did not report it. */
    OptionalDouble in(JsonNode results) {
        JsonNode value = results == null ? null : results.get(key);
        return value == null || !value.isNumber() ? OptionalDouble.empty() : OptionalDouble.of(value.asDouble() * scale);
    }
}
