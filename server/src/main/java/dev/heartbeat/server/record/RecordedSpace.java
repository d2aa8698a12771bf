package dev.heartbeat.server.record;

import dev.heartbeat.protocol.recording.SpaceState;

/**
 * One session of a space as the observer side sees it: from its first viewer until it empties.
 * Its mirror of members and queue is changed only by the space's own (serialised) callbacks and
 * is what a resync snapshot is made of after lines had to be dropped.
 */
final class RecordedSpace {
    final String space;
    final int capacity;
    final long openedAt;
    final SpaceState mirror = new SpaceState();
    /** Set when a line that changes membership was dropped: the next line is preceded by a snapshot. */
    boolean resync;
    /** Set when even the close line was dropped: the writer thread closes the file on its own. */
    volatile boolean closeLost;
    volatile boolean closed;
    volatile long closedAt;

    RecordedSpace(String space, int capacity, long openedAt) {
        this.space = space;
        this.capacity = capacity;
        this.openedAt = openedAt;
    }
}
