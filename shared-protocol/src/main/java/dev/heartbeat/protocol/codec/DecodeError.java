package dev.heartbeat.protocol.codec;

import dev.heartbeat.protocol.message.ErrorCode;

/** Why a frame could not be read, in words a client developer can act on. */
public record DecodeError(Kind kind, String message) {

    public enum Kind {
        MALFORMED_JSON,
        NOT_AN_OBJECT,
        MISSING_FIELD,
        UNKNOWN_TYPE,
        WRONG_TYPE,
        OUT_OF_RANGE,
        TOO_BIG
    }

    /** The error code the server answers with on the wire. */
    public ErrorCode wireCode() {
        return kind == Kind.TOO_BIG ? ErrorCode.TOO_BIG : ErrorCode.BAD_MESSAGE;
    }
}
