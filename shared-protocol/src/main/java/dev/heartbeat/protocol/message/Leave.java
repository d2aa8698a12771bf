package dev.heartbeat.protocol.message;

/** A line disappears. */
public record Leave(String id, LeaveReason reason) implements ServerEvent {
    public Leave {
        Checks.notBlank("id", id);
        Checks.notNull("reason", reason);
    }
}
