package dev.heartbeat.protocol.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Everything the server sends: the {@link Welcome}, single events and {@link Batch} frames. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Welcome.class, name = "welcome"),
    @JsonSubTypes.Type(value = Batch.class, name = "batch"),
    @JsonSubTypes.Type(value = Join.class, name = "join"),
    @JsonSubTypes.Type(value = Leave.class, name = "leave"),
    @JsonSubTypes.Type(value = Pulse.class, name = "pulse"),
    @JsonSubTypes.Type(value = Rename.class, name = "rename"),
    @JsonSubTypes.Type(value = StatusChange.class, name = "status"),
    @JsonSubTypes.Type(value = WaitingCount.class, name = "waiting"),
    @JsonSubTypes.Type(value = Announce.class, name = "announce"),
    @JsonSubTypes.Type(value = Pong.class, name = "pong"),
    @JsonSubTypes.Type(value = ErrorEvent.class, name = "error"),
})
public sealed interface ServerMessage permits Welcome, Batch, ServerEvent {}
