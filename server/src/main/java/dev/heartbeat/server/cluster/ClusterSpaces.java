package dev.heartbeat.server.cluster;

import dev.heartbeat.protocol.message.LeaveReason;
import dev.heartbeat.server.fanout.Outbox;
import dev.heartbeat.server.space.Arrival;
import dev.heartbeat.server.space.Identity;
import dev.heartbeat.server.space.ResumeTokens;
import dev.heartbeat.server.space.SpaceObserver;
import dev.heartbeat.server.space.SpaceSettings;
import dev.heartbeat.server.space.SpaceSummary;
import dev.heartbeat.server.space.Spaces;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spaces shared by several nodes through Redis. This node keeps a {@link ClusterSpace} for each
 * space that has viewers here, says it is alive every second, reaps the members of nodes that
 * stopped saying so, and after a Redis outage reconciles Redis with what it holds.
 */
public final class ClusterSpaces implements Spaces, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSpaces.class);
    /** A node whose heartbeat is this old is dead; its members leave within this plus {@link #REAP_EVERY}. */
    static final Duration NODE_TTL = Duration.ofSeconds(8);
    static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(1);
    static final Duration REAP_EVERY = Duration.ofSeconds(2);
    /** The recording lease: renewed every few seconds, so a dead holder's lease passes on within about 13 s. */
    static final Duration LEASE = Duration.ofSeconds(10);
    static final Duration LEASE_EVERY = Duration.ofSeconds(3);

    private final SpaceSettings settings;
    private final int maxSpaces;
    private final RedisStore store;
    private final ConcurrentHashMap<String, ClusterSpace> here = new ConcurrentHashMap<>();
    /** Applies channel messages in order and does the Redis work spaces hand off. */
    private final ScheduledExecutorService worker = daemon("heartbeat-cluster");
    /** Heartbeat, reaping and leases on a thread of their own: however busy the spaces, this node stays alive. */
    private final ScheduledExecutorService liveness = daemon("heartbeat-liveness");
    /** When this node first saw each other node gone (liveness thread only). */
    private final java.util.Map<String, Long> goneSince = new java.util.HashMap<>();
    /** Set after the first heartbeat: a missing key is news only after that. */
    private volatile boolean beatenBefore;
    /** Why Redis is unusable, or null while it is fine. */
    private final AtomicReference<String> outage = new AtomicReference<>();

    public ClusterSpaces(SpaceSettings settings, int maxSpaces, String redisUri, String nodeId) {
        this.settings = settings;
        this.maxSpaces = maxSpaces;
        // Channel messages are applied on our own thread, in order, never on Lettuce's event loop.
        this.store = new RedisStore(redisUri, nodeId, (channel, message) -> worker.execute(() -> dispatch(channel, message)));
        liveness.scheduleWithFixedDelay(this::heartbeat, 0, HEARTBEAT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        liveness.scheduleWithFixedDelay(this::reap, REAP_EVERY.toMillis(), REAP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        // A restart under the same node id finds the members of its earlier run: theirs to resume for a grace period.
        Set<String> earlierRun = earlierMembers();
        if (!earlierRun.isEmpty()) {
            worker.schedule(() -> forget(earlierRun), settings.resumeGrace().toMillis(), TimeUnit.MILLISECONDS);
        }
        if (settings.observer() != SpaceObserver.NONE) {
            liveness.scheduleWithFixedDelay(this::leaseRecordings, LEASE_EVERY.toMillis(), LEASE_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        LOG.info("cluster node {} using Redis at {}", nodeId, redisUri);
    }

    /** Empty while Redis is reachable; otherwise why not. */
    public Optional<String> outage() {
        return Optional.ofNullable(outage.get());
    }

    public String node() {
        return store.node();
    }

    /** The secret every node signs resume tokens with, kept in Redis; the first node to start sets it. */
    public byte[] resumeSecret() {
        return store.resumeSecret(ResumeTokens.newSecret());
    }

    @Override
    public Arrival enter(String name, Identity identity, String displayName, Outbox outbox) {
        if (outage.get() != null) return new Arrival.Unavailable();
        while (true) {
            ClusterSpace space = here.computeIfAbsent(name, n -> new ClusterSpace(n, settings, store, worker, this::dropIfEmpty));
            Arrival arrival;
            try {
                arrival = space.enter(identity, displayName, outbox);
            } catch (RuntimeException e) {
                noteOutage(e);
                dropIfEmpty(space);
                return new Arrival.Unavailable();
            }
            if (arrival == null) {
                here.remove(name, space);
                continue;
            }
            if (arrival instanceof Arrival.Full) dropIfEmpty(space);
            if (arrival instanceof Arrival.Entered && settings.observer() != SpaceObserver.NONE && !space.isRecording()) {
                liveness.execute(() -> leaseRecording(space));
            }
            return arrival;
        }
    }

    @Override
    public boolean atLimitFor(String name) {
        try {
            return !store.spaceExists(name) && store.spaceCount() >= maxSpaces;
        } catch (RuntimeException e) {
            return false; // entering will say the cluster is unavailable
        }
    }

    @Override
    public boolean exists(String name) {
        try {
            return here.containsKey(name) || store.spaceExists(name);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public List<SpaceSummary> summaries() {
        try {
            return store.spaces().stream().sorted().map(this::globalSummary).toList();
        } catch (RuntimeException e) {
            return here.values().stream().map(ClusterSpace::localSummary)
                    .sorted(Comparator.comparing(SpaceSummary::space)).toList();
        }
    }

    @Override
    public Optional<SpaceSummary> summary(String name) {
        try {
            return store.spaceExists(name) ? Optional.of(globalSummary(name)) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.ofNullable(here.get(name)).map(ClusterSpace::localSummary);
        }
    }

    @Override
    public boolean announce(String name, String text) {
        ClusterSpace space = here.get(name);
        if (space != null) {
            space.announce(text);
            return true;
        }
        if (summary(name).isEmpty()) return false;
        // Nobody is here: a passing space object carries it to the nodes that have viewers.
        new ClusterSpace(name, settings, store, worker, s -> { }).announce(text);
        return true;
    }

    @Override
    public int count() {
        try {
            return (int) store.spaceCount();
        } catch (RuntimeException e) {
            return here.size();
        }
    }

    /**
     * Graceful stop: a closed connection is a lost one, not a leave (the contract), so our members
     * keep their lines in Redis; the other nodes reap what nobody resumed within the grace period.
     */
    @Override
    public void close() {
        liveness.shutdownNow();
        worker.shutdownNow();
        try {
            store.leave();
        } catch (RuntimeException e) {
            LOG.warn("could not say goodbye to Redis: {}", e.getMessage());
        }
        store.close();
    }

    private SpaceSummary globalSummary(String name) {
        RedisStore.Snapshot snapshot = store.snapshot(name);
        return new SpaceSummary(name, settings.capacity(), snapshot.members(), snapshot.waiting());
    }

    private void dispatch(String channel, String message) {
        ClusterSpace space = here.get(RedisStore.spaceOf(channel));
        if (space == null) return;
        try {
            space.apply(message);
        } catch (RuntimeException e) {
            LOG.warn("could not apply a message on {}: {}", channel, e.toString());
        }
    }

    private void heartbeat() {
        try {
            boolean stillAlive = store.heartbeat(NODE_TTL);
            String was = outage.getAndSet(null);
            if (was != null) {
                LOG.info("Redis is back; resynchronising {} spaces", here.size());
                worker.execute(this::resync);
            } else if (!stillAlive && beatenBefore) {
                LOG.warn("this node's heartbeat had expired; re-asserting its viewers");
                worker.execute(this::resync);
            }
            beatenBefore = true;
        } catch (RuntimeException e) {
            noteOutage(e);
        }
    }

    private static ScheduledExecutorService daemon(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A node seen gone keeps its members' lines for the resume grace period, as a lost connection does. */
    private void reap() {
        if (outage.get() != null) return;
        try {
            List<String> gone = store.goneNodes();
            goneSince.keySet().retainAll(gone);
            long now = System.nanoTime();
            for (String node : gone) {
                long since = goneSince.computeIfAbsent(node, n -> now);
                if (now - since < settings.resumeGrace().toNanos()) continue;
                int reaped = store.reap(node, settings.capacity());
                goneSince.remove(node);
                if (reaped > 0) LOG.info("removed {} members of node {}, gone for the grace period", reaped, node);
            }
        } catch (RuntimeException e) {
            noteOutage(e);
        }
    }

    /** Redis is the truth about others; this node is the truth about its own viewers. */
    private void resync() {
        try {
            forgetStrays(LeaveReason.CLOSED);
            for (ClusterSpace space : here.values()) space.resync();
        } catch (RuntimeException e) {
            noteOutage(e);
        }
    }

    private Set<String> earlierMembers() {
        try {
            return Set.copyOf(store.heldBy(store.node()));
        } catch (RuntimeException e) {
            return Set.of(); // Redis is away: the resync sorts it out when it is back
        }
    }

    /** Of the members an earlier run of this node held, those nobody resumed leave. */
    private void forget(Set<String> earlierRun) {
        try {
            Set<String> stillThere = store.heldBy(store.node());
            for (String entry : earlierRun) {
                if (stillThere.contains(entry)) forgetIfStray(entry, LeaveReason.TIMEOUT);
            }
        } catch (RuntimeException e) {
            noteOutage(e);
        }
    }

    private void forgetIfStray(String entry, LeaveReason reason) {
        int split = entry.indexOf(' ');
        ClusterSpace space = here.get(entry.substring(0, split));
        String id = entry.substring(split + 1);
        if (space == null || !space.holds(id)) store.depart(entry.substring(0, split), id, reason, store.node(), settings.capacity());
    }

    /** Members Redis says this node holds that it does not (any more) leave. */
    private void forgetStrays(LeaveReason reason) {
        try {
            for (String entry : store.heldBy(store.node())) forgetIfStray(entry, reason);
        } catch (RuntimeException e) {
            noteOutage(e);
        }
    }

    /** Exactly one node records a space at a time: the one holding its lease in Redis. */
    private void leaseRecordings() {
        if (outage.get() != null) return;
        here.values().forEach(this::leaseRecording);
    }

    private void leaseRecording(ClusterSpace space) {
        try {
            if (space.isEmpty()) return;
            if (store.holdRecordingLease(space.name(), LEASE)) {
                space.startRecording();
            } else {
                space.stopRecording();
            }
        } catch (RuntimeException e) {
            // Without Redis nobody can be sure to hold the lease; the holder keeps recording what it sees.
            noteOutage(e);
        }
    }

    private void noteOutage(RuntimeException e) {
        String reason = "Redis unreachable: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        if (outage.getAndSet(reason) == null) LOG.warn("{}; serving this node's viewers on their own", reason);
    }

    private void dropIfEmpty(ClusterSpace space) {
        boolean wasRecording = space.isRecording();
        if (space.dropIfEmpty()) {
            here.remove(space.name(), space);
            if (wasRecording) quietlyRelease(space.name());
        }
    }

    private void quietlyRelease(String space) {
        try {
            store.releaseRecordingLease(space);
        } catch (RuntimeException e) {
            // it expires by itself
        }
    }
}
