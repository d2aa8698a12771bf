package dev.heartbeat.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer to a client's {@link Ping}, echoing its {@code t}. */
public record Pong(@JsonProperty(required = true) long t, @JsonProperty(required = true) long serverTime) implements ServerEvent {}
