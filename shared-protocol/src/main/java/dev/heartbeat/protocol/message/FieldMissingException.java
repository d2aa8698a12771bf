package dev.heartbeat.protocol.message;

/** A required field of a message is absent; the codec reports it as a missing field. */
public final class FieldMissingException extends IllegalArgumentException {
    private final String field;

    public FieldMissingException(String field) {
        super("missing field '" + field + "'");
        this.field = field;
    }

    public String field() {
        return field;
    }
}
