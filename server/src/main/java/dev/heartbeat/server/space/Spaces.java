package dev.heartbeat.server.space;

import dev.heartbeat.server.fanout.Outbox;
import java.util.List;
import java.util.Optional;

/** Where spaces live: this server's memory, or Redis for a cluster of nodes. */
public interface Spaces {
    /** Puts a connection into {@code name}, creating the space when it does not exist yet. */
    Arrival enter(String name, Identity identity, String displayName, Outbox outbox);

    /** True when {@code name} would be a new space and no more may be made. */
    boolean atLimitFor(String name);

    /** True when somebody is in the space (on any node). */
    boolean exists(String name);

    List<SpaceSummary> summaries();

    Optional<SpaceSummary> summary(String name);

    /** @return false when nobody is in the space */
    boolean announce(String name, String text);

    int count();
}
