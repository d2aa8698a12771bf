package dev.heartbeat.server.space;

import dev.heartbeat.server.fanout.Outbox;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The spaces of this server: made on first visit, dropped when the last viewer has gone. */
public final class Spaces {
    private final ConcurrentHashMap<String, Space> byName = new ConcurrentHashMap<>();
    private final SpaceSettings settings;
    private final int maxSpaces;

    public Spaces(SpaceSettings settings, int maxSpaces) {
        this.settings = settings;
        this.maxSpaces = maxSpaces;
    }

    /** Puts a connection into {@code name}, creating the space when it does not exist yet. */
    public Arrival enter(String name, Identity identity, String displayName, Outbox outbox) {
        while (true) {
            Space space = byName.get(name);
            if (space == null) {
                if (byName.size() >= maxSpaces) return new Arrival.TooManySpaces();
                Space created = new Space(name, settings, this::dropIfEmpty);
                space = byName.putIfAbsent(name, created);
                if (space == null) {
                    space = created;
                    settings.observer().spaceOpened(name, settings.capacity(), settings.clock().millis());
                }
            }
            Arrival arrival = space.enter(identity, displayName, outbox);
            if (arrival != null) {
                if (arrival instanceof Arrival.Full) dropIfEmpty(space);
                return arrival;
            }
            // The space emptied and was dropped between lookup and entry: try the fresh one.
        }
    }

    /** True when {@code name} would be a new space and no more may be made. */
    public boolean atLimitFor(String name) {
        return !byName.containsKey(name) && byName.size() >= maxSpaces;
    }

    public Optional<Space> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<SpaceSummary> summaries() {
        return byName.values().stream().map(Space::summary).sorted((a, b) -> a.space().compareTo(b.space())).toList();
    }

    public Collection<Space> all() {
        return byName.values();
    }

    public int count() {
        return byName.size();
    }

    private void dropIfEmpty(Space space) {
        synchronized (space) {
            if (!space.isEmpty()) return;
            space.drop();
            if (byName.remove(space.name(), space)) {
                settings.observer().spaceClosed(space.name(), settings.clock().millis());
            }
        }
    }
}
