package dev.heartbeat.server.space;

import dev.heartbeat.protocol.message.ServerEvent;

/**
 * Sees what every space broadcasts, in the order the space accepted it (recording, cluster relay).
 * Called while the space holds its lock: implementations hand work off and never block.
 */
public interface SpaceObserver {
    SpaceObserver NONE = new SpaceObserver() {};

    /** A space was created by its first viewer. */
    default void spaceOpened(String space, int capacity, long serverTime) {}

    /**
     * An event went to everyone in the space: join, leave, pulse, rename, waiting, announce.
     *
     * @param encoded the event's JSON exactly as sent on the wire
     */
    default void broadcast(String space, ServerEvent event, String encoded, long serverTime) {}

    /** The last viewer left and the space was dropped. */
    default void spaceClosed(String space, long serverTime) {}

    /** Both see every call, {@code first} first. */
    static SpaceObserver both(SpaceObserver first, SpaceObserver second) {
        if (second == NONE) return first;
        return new SpaceObserver() {
            @Override
            public void spaceOpened(String space, int capacity, long serverTime) {
                first.spaceOpened(space, capacity, serverTime);
                second.spaceOpened(space, capacity, serverTime);
            }

            @Override
            public void broadcast(String space, ServerEvent event, String encoded, long serverTime) {
                first.broadcast(space, event, encoded, serverTime);
                second.broadcast(space, event, encoded, serverTime);
            }

            @Override
            public void spaceClosed(String space, long serverTime) {
                first.spaceClosed(space, serverTime);
                second.spaceClosed(space, serverTime);
            }
        };
    }
}
