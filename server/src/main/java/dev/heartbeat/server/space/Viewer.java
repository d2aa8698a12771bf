package dev.heartbeat.server.space;

import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.MemberStatus;
import dev.heartbeat.server.fanout.Outbox;
import java.util.concurrent.ScheduledFuture;

/**
 * Somebody in a space: active with a line or waiting in the queue. While its connection is lost
 * it is held (no outbox) for the resume grace period. Guarded by its space's lock.
 */
public final class Viewer {
    private final Identity identity;
    private String name;
    MemberStatus status;
    /** The queue position this viewer was last told; 0 when active. */
    int toldPosition;
    Outbox outbox;
    ScheduledFuture<?> graceTimer;

    Viewer(Identity identity, String name) {
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

    void rename(String newName) {
        name = newName;
    }

    boolean connected() {
        return outbox != null;
    }
}
