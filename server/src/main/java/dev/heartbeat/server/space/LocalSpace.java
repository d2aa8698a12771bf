package dev.heartbeat.server.space;

import dev.heartbeat.protocol.codec.ProtocolCodec;
import dev.heartbeat.protocol.message.Announce;
import dev.heartbeat.protocol.message.Join;
import dev.heartbeat.protocol.message.Leave;
import dev.heartbeat.protocol.message.LeaveReason;
import dev.heartbeat.protocol.message.Limits;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.MemberStatus;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.protocol.message.Rename;
import dev.heartbeat.protocol.message.ServerEvent;
import dev.heartbeat.protocol.message.StatusChange;
import dev.heartbeat.protocol.message.WaitingCount;
import dev.heartbeat.protocol.message.Welcome;
import dev.heartbeat.server.fanout.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One shared space held in this server's memory: its active lines, the FIFO queue behind them,
 * and the order of everything that happens in it. Every change takes the space's lock, so events
 * are accepted in one order and queued on every receiver's outbox in that order; the lock is never
 * held across I/O.
 */
public final class LocalSpace implements Space {
    private final String name;
    private final int capacity;
    private final int maxQueue;
    private final Duration resumeGrace;
    private final Limits limits;
    private final ProtocolCodec codec;
    private final SpaceObserver observer;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final Consumer<LocalSpace> onEmpty;

    private final Map<String, Viewer> viewers = new HashMap<>();
    private final LinkedHashMap<String, Viewer> active = new LinkedHashMap<>();
    private final List<Viewer> queue = new ArrayList<>();
    private boolean dropped;

    LocalSpace(String name, SpaceSettings settings, Consumer<LocalSpace> onEmpty) {
        this.name = name;
        this.capacity = settings.capacity();
        this.maxQueue = settings.maxQueue();
        this.resumeGrace = settings.resumeGrace();
        this.limits = settings.limits();
        this.codec = settings.codec();
        this.observer = settings.observer();
        this.clock = settings.clock();
        this.timers = settings.timers();
        this.onEmpty = onEmpty;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Lets a connection in: it takes back the line or queue place of its identity if that is still
     * here (closing an older connection with 4001), else it joins anew as active or waiting.
     *
     * @return null when this space was dropped meanwhile and the caller must ask the registry again
     */
    synchronized Arrival enter(Identity identity, String displayName, Outbox outbox) {
        if (dropped) return null;
        Viewer viewer = viewers.get(identity.id());
        if (viewer != null) {
            if (viewer.graceTimer != null) viewer.graceTimer.cancel(false);
            viewer.graceTimer = null;
            Outbox older = viewer.outbox;
            viewer.outbox = outbox;
            if (older != null) older.close(4001, "replaced by a newer connection");
        } else if (active.size() < capacity) {
            viewer = new Viewer(identity, displayName);
            viewers.put(viewer.id(), viewer);
            viewer.outbox = outbox;
            activate(viewer);
            broadcast(new Join(viewer.member()), viewer);
        } else if (queue.size() < maxQueue) {
            viewer = new Viewer(identity, displayName);
            viewers.put(viewer.id(), viewer);
            viewer.outbox = outbox;
            viewer.status = MemberStatus.WAITING;
            queue.add(viewer);
            viewer.toldPosition = queue.size();
            broadcast(new WaitingCount(queue.size()), viewer);
        } else {
            return new Arrival.Full();
        }
        outbox.sendFirst(codec.encode(welcome(viewer)));
        return new Arrival.Entered(this, viewer);
    }

    @Override
    public synchronized void depart(Viewer viewer, Outbox outbox, Departure departure) {
        if (viewer.outbox != outbox || !viewers.containsKey(viewer.id())) return;
        viewer.outbox = null;
        switch (departure) {
            case CLOSED -> remove(viewer, LeaveReason.CLOSED);
            case KICKED -> remove(viewer, LeaveReason.KICKED);
            case LOST -> viewer.graceTimer = timers.schedule(
                    () -> expire(viewer), resumeGrace.toMillis(), TimeUnit.MILLISECONDS);
        }
        dropIfEmpty();
    }

    @Override
    public synchronized boolean pulse(Viewer viewer, double strength) {
        if (viewer.status != MemberStatus.ACTIVE || !viewers.containsKey(viewer.id())) return false;
        broadcast(new Pulse(viewer.id(), strength, clock.millis()), viewer);
        return true;
    }

    @Override
    public synchronized void rename(Viewer viewer, String cleanName) {
        viewer.rename(cleanName);
        if (viewer.status == MemberStatus.ACTIVE) broadcast(new Rename(viewer.member()), null);
    }

    public synchronized void announce(String text) {
        broadcast(new Announce(text), null);
    }

    @Override
    public void tell(Viewer viewer, ServerEvent event) {
        Outbox outbox;
        synchronized (this) {
            outbox = viewer.outbox;
        }
        if (outbox != null) outbox.offer(event, codec.encode(event));
    }

    public synchronized SpaceSummary summary() {
        return new SpaceSummary(name, capacity, members(), queue.size());
    }

    synchronized void drop() {
        dropped = true;
    }

    synchronized boolean isEmpty() {
        return viewers.isEmpty();
    }

    private synchronized void expire(Viewer viewer) {
        if (viewer.outbox != null || viewers.get(viewer.id()) != viewer) return;
        viewer.graceTimer = null;
        remove(viewer, LeaveReason.TIMEOUT);
        dropIfEmpty();
    }

    private void remove(Viewer viewer, LeaveReason reason) {
        viewers.remove(viewer.id());
        if (active.remove(viewer.id()) != null) {
            broadcast(new Leave(viewer.id(), reason), null);
            promote();
        } else if (queue.remove(viewer)) {
            tellPositions();
            broadcast(new WaitingCount(queue.size()), null);
        }
    }

    /** Fills free lines from the front of the queue; a held viewer keeps its place until it returns. */
    private void promote() {
        boolean promoted = false;
        for (int i = 0; i < queue.size() && active.size() < capacity; ) {
            Viewer next = queue.get(i);
            if (!next.connected()) {
                i++;
                continue;
            }
            queue.remove(i);
            activate(next);
            StatusChange nowActive = new StatusChange(MemberStatus.ACTIVE, 0);
            next.outbox.offer(nowActive, codec.encode(nowActive));
            broadcast(new Join(next.member()), null);
            promoted = true;
        }
        if (promoted) {
            tellPositions();
            broadcast(new WaitingCount(queue.size()), null);
        }
    }

    private void activate(Viewer viewer) {
        viewer.status = MemberStatus.ACTIVE;
        viewer.toldPosition = 0;
        active.put(viewer.id(), viewer);
    }

    private void tellPositions() {
        for (int i = 0; i < queue.size(); i++) {
            Viewer waiting = queue.get(i);
            if (waiting.toldPosition != i + 1) {
                waiting.toldPosition = i + 1;
                if (waiting.outbox != null) {
                    StatusChange moved = new StatusChange(MemberStatus.WAITING, i + 1);
                    waiting.outbox.offer(moved, codec.encode(moved));
                }
            }
        }
    }

    /** Encodes once and queues on every connected viewer but {@code except}. */
    private void broadcast(ServerEvent event, Viewer except) {
        String encoded = codec.encode(event);
        for (Viewer viewer : viewers.values()) {
            if (viewer != except && viewer.outbox != null) viewer.outbox.offer(event, encoded);
        }
        observer.broadcast(name, event, encoded, clock.millis());
    }

    private Welcome welcome(Viewer viewer) {
        int position = viewer.status == MemberStatus.ACTIVE ? 0 : queue.indexOf(viewer) + 1;
        viewer.toldPosition = position;
        return new Welcome(Welcome.PROTOCOL_VERSION, name, viewer.member(), viewer.identity().token(),
                viewer.status, position, capacity, members(), queue.size(), clock.millis(), limits);
    }

    private List<Member> members() {
        return active.values().stream().map(Viewer::member).toList();
    }

    private void dropIfEmpty() {
        if (viewers.isEmpty()) onEmpty.accept(this);
    }
}
