package dev.heartbeat.server.space;

import dev.heartbeat.server.fanout.Outbox;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The spaces of a single server, in memory: made on first visit, dropped when the last viewer has gone. */
public final class LocalSpaces implements Spaces {
    private final ConcurrentHashMap<String, LocalSpace> byName = new ConcurrentHashMap<>();
    private final SpaceSettings settings;
    private final int maxSpaces;

    public LocalSpaces(SpaceSettings settings, int maxSpaces) {
        this.settings = settings;
        this.maxSpaces = maxSpaces;
    }

    @Override
    public Arrival enter(String name, Identity identity, String displayName, Outbox outbox) {
        while (true) {
            LocalSpace space = byName.get(name);
            if (space == null) {
                if (byName.size() >= maxSpaces) return new Arrival.TooManySpaces();
                LocalSpace created = new LocalSpace(name, settings, this::dropIfEmpty);
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

    @Override
    public boolean atLimitFor(String name) {
        return !byName.containsKey(name) && byName.size() >= maxSpaces;
    }

    @Override
    public boolean exists(String name) {
        return byName.containsKey(name);
    }

    @Override
    public List<SpaceSummary> summaries() {
        return byName.values().stream().map(LocalSpace::summary).sorted(Comparator.comparing(SpaceSummary::space)).toList();
    }

    @Override
    public Optional<SpaceSummary> summary(String name) {
        return Optional.ofNullable(byName.get(name)).map(LocalSpace::summary);
    }

    @Override
    public boolean announce(String name, String text) {
        LocalSpace space = byName.get(name);
        if (space == null) return false;
        space.announce(text);
        return true;
    }

    @Override
    public int count() {
        return byName.size();
    }

    private void dropIfEmpty(LocalSpace space) {
        synchronized (space) {
            if (!space.isEmpty()) return;
            space.drop();
            if (byName.remove(space.name(), space)) {
                settings.observer().spaceClosed(space.name(), settings.clock().millis());
            }
        }
    }
}
