package dev.heartbeat.server.space;

import dev.heartbeat.protocol.message.Announce;
import dev.heartbeat.protocol.message.Join;
import dev.heartbeat.protocol.message.Leave;
import dev.heartbeat.protocol.message.LeaveReason;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.MemberStatus;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.protocol.message.Rename;
import dev.heartbeat.protocol.message.ServerEvent;
import dev.heartbeat.protocol.message.StatusChange;
import dev.heartbeat.protocol.message.WaitingCount;
import dev.heartbeat.protocol.message.Welcome;
import dev.heartbeat.server.fanout.Outbox;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One shared space held in this server's memory: its active lines, the FIFO queue behind them,
 * and the order of everything that happens in it. Every change takes the space's lock, so events
 * are accepted in one order; the lock is never held across I/O. Nothing a join, leave or pulse
 * does grows with the queue: the queue is a {@link WaitingLine}, and its length and positions are
 * told at most once a second ({@link QueueNotices}).
 */
public final class LocalSpace implements Space {
    private final String name;
    private final SpaceSettings settings;
    private final Consumer<LocalSpace> onEmpty;
    private final Audience audience;
    private final LinkedHashMap<String, Viewer> active = new LinkedHashMap<>();
    private final WaitingLine queue = new WaitingLine();
    private final QueueNotices queueNotices;
    /** The queue length changed since it was last told (someone's welcome may hold another value). */
    private boolean countChanged;
    /** Somebody left from before the end of the queue since positions were last told. */
    private boolean positionsMoved;
    private boolean dropped;

    LocalSpace(String name, SpaceSettings settings, Consumer<LocalSpace> onEmpty) {
        this.name = name;
        this.settings = settings;
        this.onEmpty = onEmpty;
        this.audience = new Audience(this, settings);
        this.queueNotices = new QueueNotices(this, this::tellQueue, settings.clock(), settings.timers());
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
        Viewer viewer = audience.get(identity.id());
        if (viewer != null) {
            audience.attach(viewer, outbox);
        } else if (active.size() < settings.capacity()) {
            viewer = new Viewer(identity, displayName);
            audience.add(viewer);
            audience.attach(viewer, outbox);
            activate(viewer);
            broadcast(new Join(viewer.member()), viewer);
        } else if (queue.size() < settings.maxQueue()) {
            viewer = new Viewer(identity, displayName);
            audience.add(viewer);
            audience.attach(viewer, outbox);
            queue.add(viewer);
            queueChanged(false);
        } else {
            return new Arrival.Full();
        }
        audience.entered(viewer);
        return new Arrival.Entered(this, viewer, welcome(viewer));
    }

    @Override
    public synchronized void depart(Viewer viewer, Outbox outbox, Departure departure) {
        if (viewer.outbox() != outbox || !audience.holds(viewer)) return;
        switch (departure) {
            case CLOSED -> remove(viewer, LeaveReason.CLOSED);
            case KICKED -> remove(viewer, LeaveReason.KICKED);
            case LOST -> viewer.hold(settings.timers().schedule(
                    () -> expire(viewer), settings.resumeGrace().toMillis(), TimeUnit.MILLISECONDS));
        }
        dropIfEmpty();
    }

    @Override
    public synchronized boolean pulse(Viewer viewer, double strength) {
        if (!viewer.isActive() || !audience.holds(viewer)) return false;
        broadcast(new Pulse(viewer.id(), strength, settings.clock().millis()), viewer);
        return true;
    }

    @Override
    public synchronized void rename(Viewer viewer, String cleanName) {
        viewer.renameTo(cleanName);
        if (viewer.isActive()) broadcast(new Rename(viewer.member()), null);
    }

    public synchronized void announce(String text) {
        broadcast(new Announce(text), null);
    }

    @Override
    public synchronized void tell(Viewer viewer, ServerEvent event) {
        audience.tell(viewer, event);
    }

    public synchronized SpaceSummary summary() {
        return new SpaceSummary(name, settings.capacity(), members(), queue.size());
    }

    synchronized void drop() {
        dropped = true;
    }

    synchronized boolean isEmpty() {
        return audience.isEmpty();
    }

    private synchronized void expire(Viewer viewer) {
        if (viewer.connected() || !audience.holds(viewer)) return;
        viewer.cancelGrace();
        remove(viewer, LeaveReason.TIMEOUT);
        dropIfEmpty();
    }

    private void remove(Viewer viewer, LeaveReason reason) {
        audience.remove(viewer);
        if (active.remove(viewer.id()) != null) {
            broadcast(new Leave(viewer.id(), reason), null);
            promote();
        } else {
            boolean last = queue.isLast(viewer);
            if (queue.remove(viewer)) queueChanged(!last);
        }
    }

    /**
     * Fills free lines from the front of the queue, strictly in turn: a viewer held for a resume
     * is promoted too and finds its line when it comes back (or gives it up when its grace ends).
     */
    private void promote() {
        while (active.size() < settings.capacity() && queue.size() > 0) {
            Viewer next = queue.first();
            queue.remove(next);
            activate(next);
            audience.tell(next, new StatusChange(MemberStatus.ACTIVE, 0));
            broadcast(new Join(next.member()), null);
            queueChanged(true);
        }
    }

    private void activate(Viewer viewer) {
        viewer.place(MemberStatus.ACTIVE, 0);
        active.put(viewer.id(), viewer);
    }

    private void queueChanged(boolean positionsMove) {
        countChanged = true;
        positionsMoved |= positionsMove;
        queueNotices.changed();
    }

    /** At most once a second: the queue length to everyone, and each waiting viewer its new place. */
    private void tellQueue() {
        if (dropped) return;
        if (countChanged) {
            countChanged = false;
            broadcast(new WaitingCount(queue.size()), null);
        }
        if (positionsMoved) {
            positionsMoved = false;
            queue.forEach((waiting, position) -> {
                if (waiting.toldPosition() != position) {
                    waiting.place(MemberStatus.WAITING, position);
                    audience.tell(waiting, new StatusChange(MemberStatus.WAITING, position));
                }
            });
        }
    }

    private void broadcast(ServerEvent event, Viewer except) {
        String encoded = audience.broadcast(event, except);
        settings.observer().broadcast(name, event, encoded, settings.clock().millis());
    }

    private Welcome welcome(Viewer viewer) {
        int position = viewer.isActive() ? 0 : queue.position(viewer);
        viewer.place(viewer.status(), position);
        return new Welcome(Welcome.PROTOCOL_VERSION, name, viewer.member(), viewer.identity().token(),
                viewer.status(), position, settings.capacity(), members(), queue.size(), settings.clock().millis(),
                settings.limits());
    }

    private List<Member> members() {
        return active.values().stream().map(Viewer::member).toList();
    }

    private void dropIfEmpty() {
        if (!audience.isEmpty()) return;
        tellQueue(); // nobody is left to tell, but the recording ends on the true queue length
        onEmpty.accept(this);
    }
}
