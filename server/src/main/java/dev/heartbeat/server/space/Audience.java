package dev.heartbeat.server.space;

import dev.heartbeat.protocol.codec.ProtocolCodec;
import dev.heartbeat.protocol.message.CloseCode;
import dev.heartbeat.protocol.message.ServerEvent;
import dev.heartbeat.server.fanout.Outbox;
import dev.heartbeat.server.fanout.SpaceWindow;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The viewers of one space on this server and how they are told things: broadcasts, events for
 * one viewer alone, the welcome, a connection replacing an older one. Everything goes through the
 * space's {@link SpaceWindow}, so it is encoded once and reaches each viewer in the order accepted.
 * Shared by the in-memory space and the cluster's; guarded by the space's lock.
 */
public final class Audience {
    private final ProtocolCodec codec;
    private final Map<String, Viewer> viewers = new HashMap<>();
    private final SpaceWindow window;

    public Audience(Object spaceLock, SpaceSettings settings) {
        this.codec = settings.codec();
        this.window = new SpaceWindow(spaceLock, viewers::values, settings.flushClock(), settings.fanoutStats());
    }

    public Viewer get(String id) {
        return viewers.get(id);
    }

    /** True when {@code viewer} is the one of its id here. */
    public boolean holds(Viewer viewer) {
        return viewers.get(viewer.id()) == viewer;
    }

    public void add(Viewer viewer) {
        viewers.put(viewer.id(), viewer);
    }

    public void remove(Viewer viewer) {
        viewers.remove(viewer.id(), viewer);
    }

    public boolean isEmpty() {
        return viewers.isEmpty();
    }

    public Collection<Viewer> all() {
        return viewers.values();
    }

    /** Encodes once and sends to everyone here but {@code except}; returns the encoding, for the recording. */
    public String broadcast(ServerEvent event, Viewer except) {
        String encoded = codec.encode(event);
        deliver(encoded, event.droppable(), except);
        return encoded;
    }

    /** An event already encoded (another node's) for everyone here but {@code except}. */
    public void deliver(String encoded, boolean droppable, Viewer except) {
        window.toAll(encoded.getBytes(StandardCharsets.UTF_8), droppable, except);
    }

    /** One event for one viewer alone, after everything already said to it. */
    public void tell(Viewer viewer, ServerEvent event) {
        if (viewer.connected()) window.toOne(viewer, codec.encodeBytes(event));
    }

    /**
     * The viewer's connection begins now: it gets only what follows, after its welcome, which the
     * caller encodes and sends once the space's lock is released.
     */
    public void entered(Viewer viewer) {
        viewer.outbox().expectWelcome();
        window.entered(viewer);
    }

    /** A connection takes over the viewer; the one it replaces is closed with 4001. */
    public void attach(Viewer viewer, Outbox outbox) {
        Outbox older = viewer.attach(outbox);
        if (older != null) older.close(CloseCode.REPLACED.code(), "replaced by a newer connection");
    }
}
