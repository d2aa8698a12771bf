package dev.heartbeat.protocol.message;

/** The client's last message was refused; the connection stays open. */
public record ErrorEvent(ErrorCode code, String message) implements ServerEvent {
    public ErrorEvent {
        Checks.notNull("code", code);
        Checks.notNull("message", message);
    }
}
