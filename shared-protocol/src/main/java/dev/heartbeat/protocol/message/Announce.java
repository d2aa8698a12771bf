package dev.heartbeat.protocol.message;

/** A server-initiated message for everyone in the space. */
public record Announce(String text) implements ServerEvent {
    public static final int MAX_LENGTH = 280;

    public Announce {
        Checks.notBlank("text", text);
        Checks.range("text length", text.length(), 1, MAX_LENGTH);
    }
}
