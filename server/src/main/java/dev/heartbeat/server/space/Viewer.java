package dev.heartbeat.server.space;

import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.MemberStatus;
import dev.heartbeat.server.fanout.Outbox;
import dev.heartbeat.server.fanout.Recipient;
import java.util.concurrent.ScheduledFuture;

/**
 * Somebody in a space: active with a line or waiting in the queue. While its connection is lost
 * it is held (no outbox) for the resume grace period. Guarded by its space's lock.
 */
public final class Viewer extends Recipient {
    private final Identity identity;
    private String name;
    private MemberStatus status = MemberStatus.WAITING;
    /** The queue position this viewer was last told; 0 when active. */
    private int toldPosition;
    private Outbox outbox;
    private ScheduledFuture<?> graceTimer;
    /** Its slot in the space's {@link WaitingLine}, or -1. */
    int ticket = -1;

    public Viewer(Identity identity, String name) {
        this.identity = identity;
        this.name = name;
    }

    public String id() {
        return identity.id();
    }

    public Identity identity() {
        return identity;
    }

    public Member member() {
        return new Member(identity.id(), name, identity.hue(), identity.phase());
    }

    public MemberStatus status() {
        return status;
    }

    public boolean isActive() {
        return status == MemberStatus.ACTIVE;
    }

    public int toldPosition() {
        return toldPosition;
    }

    @Override
    public Outbox outbox() {
        return outbox;
    }

    public boolean connected() {
        return outbox != null;
    }

    public void renameTo(String newName) {
        name = newName;
    }

    public void place(MemberStatus newStatus, int position) {
        status = newStatus;
        toldPosition = position;
    }

    /** Attaches a connection and returns the one it replaces, if any; a pending grace timer is cancelled. */
    Outbox attach(Outbox newOutbox) {
        cancelGrace();
        Outbox older = outbox;
        outbox = newOutbox;
        return older;
    }

    /** The connection is gone; the viewer is held, perhaps with a timer that ends its grace. */
    public void hold(ScheduledFuture<?> timer) {
        outbox = null;
        graceTimer = timer;
    }

    public void cancelGrace() {
        if (graceTimer != null) graceTimer.cancel(false);
        graceTimer = null;
    }
}
