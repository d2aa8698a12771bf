package dev.heartbeat.protocol.codec;

/** The outcome of reading a frame: a typed message or a typed error, never an exception. */
public sealed interface Decoded<T> {

    record Ok<T>(T message) implements Decoded<T> {}

    record Failed<T>(DecodeError error) implements Decoded<T> {}

    static <T> Decoded<T> failed(DecodeError.Kind kind, String message) {
        return new Failed<>(new DecodeError(kind, message));
    }
}
