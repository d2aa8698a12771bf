package dev.heartbeat.protocol.message;

/** Change my display name; the server cleans it up as {@link MemberName} says. */
public record RenameRequest(String name) implements ClientMessage {
    public RenameRequest {
        Checks.notNull("name", name);
    }
}
