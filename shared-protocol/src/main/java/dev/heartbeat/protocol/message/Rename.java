package dev.heartbeat.protocol.message;

/** An active member changed its display name; the member keeps its line. */
public record Rename(Member member) implements ServerEvent {
    public Rename {
        Checks.notNull("member", member);
    }
}
