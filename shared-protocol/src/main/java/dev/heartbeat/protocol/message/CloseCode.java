package dev.heartbeat.protocol.message;

import java.util.Arrays;

/** The close codes of the contract, with the words a viewer shows for them. */
public enum CloseCode {
    NORMAL(1000, "closed"),
    GOING_AWAY(1001, "the server is shutting down"),
    UNSUPPORTED_DATA(1003, "binary frames are not accepted"),
    INVALID_PAYLOAD(1007, "the message was not valid UTF-8"),
    POLICY(1008, "refused by server policy"),
    TOO_BIG(1009, "a message was too big"),
    SERVER_ERROR(1011, "the server hit an error"),
    SLOW_CONSUMER(1013, "the connection could not keep up"),
    REPLACED(4001, "replaced by a newer connection"),
    SPACE_FULL(4002, "the space and its queue are full");

    private final int code;
    private final String meaning;

    CloseCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    /** Words for people, for status bars. */
    public String meaning() {
        return meaning;
    }

    public static String describe(int code) {
        return Arrays.stream(values())
                .filter(c -> c.code == code)
                .map(CloseCode::meaning)
                .findFirst()
                .orElse(code == 1006 ? "the connection was lost" : "closed with code " + code);
    }
}
