package dev.heartbeat.server.space;

import dev.heartbeat.protocol.message.ErrorCode;
import dev.heartbeat.protocol.message.ErrorEvent;
import dev.heartbeat.protocol.message.ServerEvent;
import dev.heartbeat.server.fanout.Outbox;

/** A space as one connection uses it once it has entered: in memory, or shared through Redis. */
public interface Space {
    String name();

    /** A connection ended; {@code outbox} tells whether it was still the viewer's current one. */
    void depart(Viewer viewer, Outbox outbox, Departure departure);

    /** @return false when the viewer has no line to pulse */
    boolean pulse(Viewer viewer, double strength);

    /** Renames a viewer; the others see a {@code rename} event when it has a line. */
    void rename(Viewer viewer, String cleanName);

    /** Sends one event to one viewer alone (errors, pongs). */
    void tell(Viewer viewer, ServerEvent event);

    default void refuse(Viewer viewer, ErrorCode code, String message) {
        tell(viewer, new ErrorEvent(code, message));
    }
}
