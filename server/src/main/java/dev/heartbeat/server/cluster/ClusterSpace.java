package dev.heartbeat.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heartbeat.protocol.codec.Decoded;
import dev.heartbeat.protocol.message.Announce;
import dev.heartbeat.protocol.message.CloseCode;
import dev.heartbeat.protocol.message.Join;
import dev.heartbeat.protocol.message.Leave;
import dev.heartbeat.protocol.message.LeaveReason;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.MemberStatus;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.protocol.message.Rename;
import dev.heartbeat.protocol.message.ServerEvent;
import dev.heartbeat.protocol.message.ServerMessage;
import dev.heartbeat.protocol.message.StatusChange;
import dev.heartbeat.protocol.message.WaitingCount;
import dev.heartbeat.protocol.message.Welcome;
import dev.heartbeat.server.fanout.Outbox;
import dev.heartbeat.server.space.Arrival;
import dev.heartbeat.server.space.Audience;
import dev.heartbeat.server.space.Departure;
import dev.heartbeat.server.space.Identity;
import dev.heartbeat.server.space.QueueNotices;
import dev.heartbeat.server.space.Space;
import dev.heartbeat.server.space.SpaceSettings;
import dev.heartbeat.server.space.SpaceSummary;
import dev.heartbeat.server.space.Viewer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One space as this node sees it in a cluster: the viewers connected here, and the picture of the
 * whole space ({@code shown}) that they have been told. State changes come back from Redis in the
 * order Redis accepted them and are applied here once for all local viewers; pulses travel
 * node to node and are fanned out here without touching the shared state.
 */
final class ClusterSpace implements Space {
    private final String name;
    private final SpaceSettings settings;
    private final RedisStore store;
    private final Consumer<ClusterSpace> onEmpty;
    /** The cluster's own thread, for Redis calls that must not hold up the space. */
    private final ScheduledExecutorService work;

    /** The viewers connected to (or held by) this node. */
    private final Audience local;
    private final QueueNotices queueNotices;
    /** The sequence number of each local viewer's latest entry, to tell its own replacement from a move away. */
    private final Map<String, Long> enteredAt = new HashMap<>();
    private final LinkedHashMap<String, Member> shown = new LinkedHashMap<>();
    /** The queue length as Redis last said it; whether it changed since the viewers here were told (at most once a second). */
    private int shownWaiting;
    private boolean countChanged;
    /** State messages up to this sequence number are already part of {@code shown}. */
    private long viewSeq = -1;
    private boolean subscribed;
    private boolean dropped;
    /** This node holds the space's recording lease: events go to the observer (the recorder). */
    private boolean recording;

    ClusterSpace(String name, SpaceSettings settings, RedisStore store, ScheduledExecutorService work,
                 Consumer<ClusterSpace> onEmpty) {
        this.work = work;
        this.name = name;
        this.settings = settings;
        this.store = store;
        this.onEmpty = onEmpty;
        this.local = new Audience(this, settings);
        this.queueNotices = new QueueNotices(this, this::tellQueue, settings.clock(), settings.timers());
    }

    @Override
    public String name() {
        return name;
    }

    /** @return null when this space was dropped meanwhile; the caller asks again */
    synchronized Arrival enter(Identity identity, String displayName, Outbox outbox) {
        if (dropped) return null;
        if (!subscribed) {
            // Subscribe before entering, so that no event after our entry can be missed.
            store.subscribe(name);
            subscribed = true;
        }
        Member asked = new Member(identity.id(), displayName, identity.hue(), identity.phase());
        RedisStore.Entry entry = store.enter(name, asked, settings.capacity(), settings.maxQueue());
        if (entry.full()) return new Arrival.Full();

        Viewer viewer = local.get(identity.id());
        if (viewer == null) {
            viewer = new Viewer(identity, entry.you().name());
            local.add(viewer);
        }
        local.attach(viewer, outbox);
        MemberStatus status = "active".equals(entry.status()) ? MemberStatus.ACTIVE : MemberStatus.WAITING;
        viewer.place(status, entry.position());
        enteredAt.put(viewer.id(), entry.seq());
        if (viewSeq < 0) {
            shown.clear();
            entry.members().forEach(m -> shown.put(m.id(), m));
            shownWaiting = entry.waiting();
            viewSeq = entry.seq();
        }

        List<Member> members = new ArrayList<>(shown.values());
        if (status == MemberStatus.ACTIVE && !shown.containsKey(viewer.id())) members.add(viewer.member());
        local.entered(viewer);
        return new Arrival.Entered(this, viewer, new Welcome(Welcome.PROTOCOL_VERSION, name, viewer.member(),
                identity.token(), status, entry.position(), settings.capacity(), members, entry.waiting(),
                settings.clock().millis(), settings.limits()));
    }

    @Override
    public synchronized void depart(Viewer viewer, Outbox outbox, Departure departure) {
        if (!local.holds(viewer) || viewer.outbox() != outbox) return;
        switch (departure) {
            case CLOSED -> leave(viewer, LeaveReason.CLOSED);
            case KICKED -> leave(viewer, LeaveReason.KICKED);
            case LOST -> {
                viewer.hold(settings.timers().schedule(() -> expire(viewer),
                        settings.resumeGrace().toMillis(), TimeUnit.MILLISECONDS));
            }
        }
    }

    @Override
    public synchronized boolean pulse(Viewer viewer, double strength) {
        if (!viewer.isActive() || !local.holds(viewer)) return false;
        Pulse pulse = new Pulse(viewer.id(), strength, settings.clock().millis());
        String encoded = local.broadcast(pulse, viewer);
        record(pulse, encoded);
        quietly(() -> store.publishLater(name, encoded));
        return true;
    }

    @Override
    public synchronized void rename(Viewer viewer, String cleanName) {
        viewer.renameTo(cleanName);
        if (viewer.status() == MemberStatus.ACTIVE) showRename(viewer.member());
        quietly(() -> store.renameLater(name, viewer.id(), cleanName));
    }

    @Override
    public synchronized void tell(Viewer viewer, ServerEvent event) {
        local.tell(viewer, event);
    }

    synchronized void announce(String text) {
        Announce announce = new Announce(text);
        String encoded = local.broadcast(announce, null);
        record(announce, encoded);
        quietly(() -> store.publishLater(name, encoded));
    }

    /** This node took the recording lease: the recorder starts from the picture shown here. */
    synchronized void startRecording() {
        if (recording || dropped) return;
        recording = true;
        settings.observer().spaceOpened(name, settings.capacity(), settings.clock().millis());
        for (Member member : shown.values()) record(new Join(member), null);
        record(new WaitingCount(shownWaiting), null);
    }

    synchronized void stopRecording() {
        if (!recording) return;
        recording = false;
        settings.observer().spaceClosed(name, settings.clock().millis());
    }

    synchronized boolean isRecording() {
        return recording;
    }

    /** One message from the space's channel: {@code S} state changes from Redis, or {@code E} an event of another node. */
    synchronized void apply(String message) {
        if (message.startsWith("E")) {
            int space = message.indexOf(' ');
            if (message.substring(1, space).equals(store.node())) return; // our own, already delivered here
            String encoded = message.substring(space + 1);
            local.deliver(encoded, encoded.startsWith("{\"type\":\"pulse\""), null);
            if (recording && settings.codec().decodeServer(encoded) instanceof Decoded.Ok<ServerMessage> ok
                    && ok.message() instanceof ServerEvent event) {
                record(event, encoded);
            }
        } else if (message.startsWith("S")) {
            applyState(ClusterMessages.read(message.substring(1)));
        }
    }

    private void applyState(JsonNode state) {
        long seq = state.get("seq").asLong();
        if (seq <= viewSeq) return;
        JsonNode ops = state.get("ops");
        if (ops == null || !ops.isArray()) return;
        for (JsonNode op : ops) {
            switch (op.get("op").asText()) {
                case "join" -> showJoin(ClusterMessages.member(op.get("member")), op.path("promoted").asBoolean(false));
                case "leave" -> showLeave(op.get("id").asText(), LeaveReason.valueOf(op.get("reason").asText().toUpperCase()));
                case "queue" -> showWaiting(op.get("count").asInt());
                case "rename" -> showRename(ClusterMessages.member(op.get("member")));
                case "replaced" -> movedAway(op.get("id").asText(), op.get("node").asText(), seq);
                default -> { } // a newer node's operation: nothing to show here
            }
        }
    }

    /** After Redis came back: re-assert our viewers, drop what changed meanwhile, and tell them the difference. */
    synchronized void resync() {
        for (Viewer viewer : List.copyOf(local.all())) {
            RedisStore.Entry entry = store.enter(name, viewer.member(), settings.capacity(), settings.maxQueue());
            if (entry.full()) {
                if (viewer.outbox() != null) viewer.outbox().close(CloseCode.SPACE_FULL.code(), "space and queue are full");
                local.remove(viewer);
                continue;
            }
            enteredAt.put(viewer.id(), entry.seq());
            MemberStatus status = "active".equals(entry.status()) ? MemberStatus.ACTIVE : MemberStatus.WAITING;
            if (status != viewer.status() || entry.position() != viewer.toldPosition()) {
                viewer.place(status, entry.position());
                local.tell(viewer, new StatusChange(status, entry.position()));
            }
        }
        RedisStore.Snapshot snapshot = store.snapshot(name);
        Map<String, Member> now = new LinkedHashMap<>();
        snapshot.members().forEach(m -> now.put(m.id(), m));
        for (String id : List.copyOf(shown.keySet())) {
            if (!now.containsKey(id)) showLeave(id, LeaveReason.TIMEOUT);
        }
        now.values().forEach(m -> {
            if (!shown.containsKey(m.id())) showJoin(m, false);
        });
        showWaiting(snapshot.waiting());
        viewSeq = snapshot.seq();
        if (local.isEmpty()) onEmpty.accept(this);
    }

    synchronized boolean holds(String id) {
        return local.get(id) != null;
    }

    synchronized boolean isEmpty() {
        return local.isEmpty();
    }

    synchronized SpaceSummary localSummary() {
        return new SpaceSummary(name, settings.capacity(), List.copyOf(shown.values()), shownWaiting);
    }

    /** @return true when it was dropped; it no longer takes viewers */
    synchronized boolean dropIfEmpty() {
        if (!local.isEmpty() || dropped) return dropped;
        stopRecording();
        dropped = true;
        if (subscribed) quietly(() -> store.unsubscribeLater(name));
        return true;
    }

    private void leave(Viewer viewer, LeaveReason reason) {
        viewer.cancelGrace();
        viewer.hold(null);
        local.remove(viewer);
        enteredAt.remove(viewer.id());
        // Shown here at once; the same leave coming back from Redis is then a no-op.
        showLeave(viewer.id(), reason);
        quietly(() -> store.departLater(name, viewer.id(), reason, settings.capacity()));
        if (local.isEmpty()) onEmpty.accept(this);
    }

    private synchronized void expire(Viewer viewer) {
        if (local.holds(viewer) && !viewer.connected()) leave(viewer, LeaveReason.TIMEOUT);
    }

    private void showJoin(Member member, boolean promoted) {
        Viewer here = local.get(member.id());
        if (promoted && here != null && here.status() != MemberStatus.ACTIVE) {
            here.place(MemberStatus.ACTIVE, 0);
            local.tell(here, new StatusChange(MemberStatus.ACTIVE, 0));
        }
        if (member.equals(shown.get(member.id()))) return;
        shown.put(member.id(), member);
        // A new member learned the space from its welcome; a promoted one hears its own join like everyone.
        broadcast(new Join(member), promoted ? null : here);
    }

    private void showLeave(String id, LeaveReason reason) {
        if (shown.remove(id) != null) broadcast(new Leave(id, reason), null);
    }

    private void showRename(Member member) {
        if (member.equals(shown.get(member.id()))) return;
        shown.put(member.id(), member);
        broadcast(new Rename(member), null);
    }

    /** The queue changed: its length and the positions here are told at most once a second. */
    private void showWaiting(int count) {
        if (count != shownWaiting) countChanged = true;
        shownWaiting = count;
        queueNotices.changed();
    }

    private void tellQueue() {
        if (dropped) return;
        if (countChanged) {
            countChanged = false;
            broadcast(new WaitingCount(shownWaiting), null);
        }
        // Positions are one look at the queue in Redis, off the thread that applies messages.
        if (local.all().stream().anyMatch(v -> !v.isActive())) work.execute(this::refreshPositions);
    }

    private void refreshPositions() {
        List<String> queue;
        try {
            queue = store.queue(name);
        } catch (RuntimeException e) {
            return; // Redis is away; the resync tells them later
        }
        Map<String, Integer> positions = new HashMap<>(queue.size() * 2);
        for (int i = 0; i < queue.size(); i++) positions.put(queue.get(i), i + 1);
        synchronized (this) {
            for (Viewer viewer : local.all()) {
                Integer position = positions.get(viewer.id());
                if (!viewer.isActive() && position != null && position != viewer.toldPosition()) {
                    viewer.place(MemberStatus.WAITING, position);
                    local.tell(viewer, new StatusChange(MemberStatus.WAITING, position));
                }
            }
        }
    }

    /** Our viewer {@code id} took its line back through another node: close our old connection. */
    private void movedAway(String id, String fromNode, long seq) {
        Viewer viewer = local.get(id);
        if (!fromNode.equals(store.node()) || viewer == null || enteredAt.getOrDefault(id, Long.MAX_VALUE) >= seq) return;
        local.remove(viewer);
        enteredAt.remove(id);
        Outbox outbox = viewer.outbox();
        viewer.hold(null);
        if (outbox != null) outbox.close(CloseCode.REPLACED.code(), "replaced by a newer connection");
        if (local.isEmpty()) onEmpty.accept(this);
    }

    private void broadcast(ServerEvent event, Viewer except) {
        record(event, local.broadcast(event, except));
    }

    private void record(ServerEvent event, String encoded) {
        if (!recording) return;
        settings.observer().broadcast(name, event, encoded != null ? encoded : settings.codec().encode(event),
                settings.clock().millis());
    }

    /** Redis may be away: the local picture goes on, and the resync reconciles when it is back. */
    private static void quietly(Runnable redisCall) {
        try {
            redisCall.run();
        } catch (RuntimeException e) {
            // counted by the liveness check, which also triggers the resync
        }
    }
}
