package dev.heartbeat.protocol.recording;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heartbeat.protocol.message.SpaceName;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Line 1 of every recording:
 * {@code {"format":"heartbeat-recording","version":1,"space":"lobby","startedAt":"…","capacity":5}}.
 */
public record RecordingHeader(String space, Instant startedAt, int capacity) {
    public static final String FORMAT = "heartbeat-recording";
    /** The version this code writes and the newest it reads. */
    public static final int VERSION = 1;

    public RecordingHeader {
        Objects.requireNonNull(startedAt, "startedAt");
        if (!SpaceName.isValid(space)) throw new IllegalArgumentException("bad space name '" + space + "': " + SpaceName.rule());
        if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }

    /** The header as its JSON line (without the newline); fields in the contract's order. */
    public String toJson() {
        // Space names and Instant.toString() never need escaping.
        return "{\"format\":\"" + FORMAT + "\",\"version\":" + VERSION + ",\"space\":\"" + space
                + "\",\"startedAt\":\"" + startedAt + "\",\"capacity\":" + capacity + "}";
    }

    /**
     * Reads a parsed header line; every refusal names the field and what was expected.
     *
     * @param source the file's name, to start each message with
     */
    static RecordingHeader fromJson(JsonNode node, String source) throws RecordingFormatException {
        String prefix = source + ": ";
        if (node == null || !node.isObject()) {
            throw new RecordingFormatException(prefix + "not a Heartbeat recording: line 1 must be a JSON object header");
        }
        JsonNode format = node.get("format");
        if (format == null || !format.isTextual()) {
            throw new RecordingFormatException(prefix + "not a Heartbeat recording: the header has no \"format\":\"" + FORMAT + "\"");
        }
        if (!FORMAT.equals(format.asText())) {
            throw new RecordingFormatException(prefix + "not a Heartbeat recording: the header's format is '"
                    + clip(format.asText()) + "', expected '" + FORMAT + "'");
        }
        JsonNode version = node.get("version");
        if (version == null || !version.canConvertToInt() || !version.isIntegralNumber()) {
            throw new RecordingFormatException(prefix + "the header's \"version\" must be a whole number");
        }
        if (version.asInt() > VERSION || version.asInt() < 1) {
            throw new RecordingFormatException(prefix + "recording format version " + version.asInt()
                    + " is not supported; this reader reads version " + VERSION + (version.asInt() > VERSION ? " (a newer Heartbeat wrote it)" : ""));
        }
        JsonNode space = node.get("space");
        if (space == null || !space.isTextual() || !SpaceName.isValid(space.asText())) {
            throw new RecordingFormatException(prefix + "the header's \"space\" is missing or invalid (" + SpaceName.rule() + ")");
        }
        JsonNode startedAt = node.get("startedAt");
        if (startedAt == null || !startedAt.isTextual()) {
            throw new RecordingFormatException(prefix + "the header has no \"startedAt\" time");
        }
        Instant start = parseTime(startedAt.asText());
        if (start == null) {
            throw new RecordingFormatException(prefix + "the header's \"startedAt\" is not an ISO-8601 time: '" + clip(startedAt.asText()) + "'");
        }
        JsonNode capacity = node.get("capacity");
        if (capacity == null || !capacity.isIntegralNumber() || !capacity.canConvertToInt() || capacity.asInt() < 1) {
            throw new RecordingFormatException(prefix + "the header's \"capacity\" must be a whole number of at least 1");
        }
        return new RecordingHeader(space.asText(), start, capacity.asInt());
    }

    private static Instant parseTime(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notUtc) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    private static String clip(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
