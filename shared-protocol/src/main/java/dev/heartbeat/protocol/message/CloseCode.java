package dev.heartbeat.protocol.message;

import java.util.Arrays;

/**
 * The close codes of the contract, with the words a viewer shows for them. The same names and
 * words are in the web client's {@code words.js}; {@code close/close-codes.json} (test resources,
 * written from this enum) is checked by both.
 */
public enum CloseCode {
    NORMAL(1000, "closed"),
    GOING_AWAY(1001, "the server is shutting down"),
    UNSUPPORTED_DATA(1003, "binary frames are not accepted"),
    INVALID_PAYLOAD(1007, "the message was not valid UTF-8"),
    POLICY(1008, "refused by server policy"),
    TOO_BIG(1009, "a message was too big"),
    SERVER_ERROR(1011, "the server hit an error"),
    /** One code for a viewer that could not keep up and for a server too busy (spaces, cluster store). */
    TRY_AGAIN_LATER(1013, "try again later: the server is busy or the connection could not keep up"),
    REPLACED(4001, "replaced by a newer connection (this space is open in another window or tab)"),
    SPACE_FULL(4002, "the space and its queue are full");

    /** Never sent on the wire: what a client reports when the connection died or was refused. */
    public static final int LOST = 1006;
    public static final String LOST_MEANING = "the connection was lost";
    /** The words for a code the contract does not name; {@code {code}} stands for the number. */
    public static final String UNKNOWN_MEANING = "closed with code {code}";

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
                .orElse(code == LOST ? LOST_MEANING : UNKNOWN_MEANING.replace("{code}", Integer.toString(code)));
    }
}
