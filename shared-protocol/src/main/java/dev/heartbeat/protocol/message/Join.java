package dev.heartbeat.protocol.message;

/** A member became active: a line appears. */
public record Join(Member member) implements ServerEvent {
    public Join {
        Checks.notNull("member", member);
    }
}
