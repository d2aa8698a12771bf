package dev.heartbeat.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Application ping; the server answers with a {@link Pong} carrying the same {@code t}. */
public record Ping(@JsonProperty(required = true) long t) implements ClientMessage {}
