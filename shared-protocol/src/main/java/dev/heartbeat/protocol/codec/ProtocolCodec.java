package dev.heartbeat.protocol.codec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.heartbeat.protocol.message.Announce;
import dev.heartbeat.protocol.message.Batch;
import dev.heartbeat.protocol.message.ClientMessage;
import dev.heartbeat.protocol.message.ErrorEvent;
import dev.heartbeat.protocol.message.FieldMissingException;
import dev.heartbeat.protocol.message.Join;
import dev.heartbeat.protocol.message.Leave;
import dev.heartbeat.protocol.message.Ping;
import dev.heartbeat.protocol.message.Pong;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.protocol.message.PulseRequest;
import dev.heartbeat.protocol.message.Rename;
import dev.heartbeat.protocol.message.RenameRequest;
import dev.heartbeat.protocol.message.ServerMessage;
import dev.heartbeat.protocol.message.StatusChange;
import dev.heartbeat.protocol.message.WaitingCount;
import dev.heartbeat.protocol.message.Welcome;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns text frames into typed messages and back. Reading never throws: a frame is either a
 * message or a {@link DecodeError}. Thread-safe; share one instance.
 */
public final class ProtocolCodec {
    /** The contract's default for {@code limits.maxMessageBytes}. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024;

    private static final Map<String, Class<? extends ClientMessage>> CLIENT_TYPES = Map.of(
            "pulse", PulseRequest.class,
            "ping", Ping.class,
            "rename", RenameRequest.class);

    private static final Map<String, Class<? extends ServerMessage>> SERVER_TYPES = Map.ofEntries(
            Map.entry("welcome", Welcome.class),
            Map.entry("batch", Batch.class),
            Map.entry("join", Join.class),
            Map.entry("leave", Leave.class),
            Map.entry("pulse", Pulse.class),
            Map.entry("rename", Rename.class),
            Map.entry("status", StatusChange.class),
            Map.entry("waiting", WaitingCount.class),
            Map.entry("announce", Announce.class),
            Map.entry("pong", Pong.class),
            Map.entry("error", ErrorEvent.class));

    private final ObjectMapper mapper;
    private final int maxMessageBytes;

    public ProtocolCodec() {
        this(DEFAULT_MAX_MESSAGE_BYTES);
    }

    /** @param maxMessageBytes frames larger than this (UTF-8 bytes) are refused as too big */
    public ProtocolCodec(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
        this.mapper = newMapper();
    }

    /** The mapper the protocol is read and written with; recordings use it too. */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // An unknown event type inside a batch becomes null and is skipped.
                .disable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // Written as bytes, Jackson would escape an emoji as a pair of escaped surrogates, written
                // as a String it keeps the character: now the same bytes either way, and the shorter.
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .build();
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public String encode(ServerMessage message) {
        return write(message);
    }

    public String encode(ClientMessage message) {
        return write(message);
    }

    /** The message as UTF-8 bytes, ready to be written as a text frame. */
    public byte[] encodeBytes(ServerMessage message) {
        try {
            return mapper.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message, e);
        }
    }

    /**
     * One frame holding events that were each encoded once: the fan-out shares the encoded text
     * between all receivers and only concatenates here.
     */
    public static String batchFrame(List<String> encodedEvents) {
        if (encodedEvents.size() == 1) return encodedEvents.get(0);
        int length = 32 + encodedEvents.stream().mapToInt(e -> e.length() + 1).sum();
        StringBuilder frame = new StringBuilder(length).append("{\"type\":\"batch\",\"events\":[");
        for (int i = 0; i < encodedEvents.size(); i++) {
            if (i > 0) frame.append(',');
            frame.append(encodedEvents.get(i));
        }
        return frame.append("]}").toString();
    }

    public Decoded<ClientMessage> decodeClient(String text) {
        return decode(text, CLIENT_TYPES);
    }

    public Decoded<ServerMessage> decodeServer(String text) {
        return decode(text, SERVER_TYPES);
    }

    private String write(Object message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            // Our own records always serialize; reaching this is a programming error.
            throw new IllegalStateException("cannot encode " + message, e);
        }
    }

    private <T> Decoded<T> decode(String text, Map<String, Class<? extends T>> types) {
        if (text == null) return Decoded.failed(DecodeError.Kind.MALFORMED_JSON, "empty frame");
        if (utf8Length(text) > maxMessageBytes) {
            return Decoded.failed(DecodeError.Kind.TOO_BIG, "frame exceeds " + maxMessageBytes + " bytes");
        }
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JacksonException e) {
            return Decoded.failed(DecodeError.Kind.MALFORMED_JSON, "not valid JSON: " + firstLine(e.getOriginalMessage()));
        } catch (RuntimeException e) {
            // Deliberately broad: a reader must answer every frame with a message or an error.
            return Decoded.failed(DecodeError.Kind.MALFORMED_JSON, "unreadable frame: " + e.getMessage());
        }
        try {
            if (node == null || !node.isObject()) {
                return Decoded.failed(DecodeError.Kind.NOT_AN_OBJECT, "a frame must be one JSON object");
            }
            JsonNode type = node.get("type");
            if (type == null || !type.isTextual()) {
                return Decoded.failed(DecodeError.Kind.MISSING_FIELD, "missing field 'type'");
            }
            Class<? extends T> target = types.get(type.asText());
            if (target == null) {
                return Decoded.failed(DecodeError.Kind.UNKNOWN_TYPE,
                        "unknown message type '" + type.asText() + "'; expected one of "
                                + types.keySet().stream().sorted().collect(Collectors.joining(", ")));
            }
            return new Decoded.Ok<>(mapper.treeToValue(node, target));
        } catch (JacksonException e) {
            return Decoded.failed(kindOf(e), describe(e));
        } catch (RuntimeException e) {
            // Deliberately broad: a reader must answer every frame with a message or an error.
            return Decoded.failed(DecodeError.Kind.MALFORMED_JSON, "unreadable frame: " + e.getMessage());
        }
    }

    private int utf8Length(String text) {
        // Characters never outnumber UTF-8 bytes, so short frames skip the exact count.
        if (text.length() * 3L <= maxMessageBytes) return text.length();
        if (text.length() > maxMessageBytes) return text.length();
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static DecodeError.Kind kindOf(JacksonException e) {
        Throwable cause = e.getCause();
        if (e instanceof ValueInstantiationException) {
            return cause instanceof FieldMissingException ? DecodeError.Kind.MISSING_FIELD : DecodeError.Kind.OUT_OF_RANGE;
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null && invalid.getTargetType().isEnum()) {
            return DecodeError.Kind.OUT_OF_RANGE;
        }
        if (e instanceof MismatchedInputException && e.getOriginalMessage().startsWith("Missing required creator property")) {
            return DecodeError.Kind.MISSING_FIELD;
        }
        return DecodeError.Kind.WRONG_TYPE;
    }

    private static String describe(JacksonException e) {
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return e.getCause().getMessage();
        }
        String field = e instanceof JsonMappingException mapping ? fieldPath(mapping) : "";
        if (e instanceof MismatchedInputException && e.getOriginalMessage().startsWith("Missing required creator property")) {
            return "missing field '" + field + "'";
        }
        String original = firstLine(e.getOriginalMessage());
        return field.isEmpty() ? original : "field '" + field + "': " + original;
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String firstLine(String message) {
        if (message == null) return "unreadable";
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
