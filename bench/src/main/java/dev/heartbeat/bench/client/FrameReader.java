package dev.heartbeat.bench.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the events of a server frame (a single event or a {@code batch}) with Jackson's streaming
 * parser, keeping only the fields the load generator needs. Fan-out runs receive over a million
 * events a second on two cores, where building message records for each would cost the client
 * more than the server; the welcome, read once per connection, goes through the full codec instead.
 *
 * <p>Follows the contract's reader rules: fields in any order, unknown fields and unknown event
 * types ignored. Thread-safe; share one instance.
 */
public final class FrameReader {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** What a frame held, event by event, in order. */
    public interface Events {
        void pulse(String id, double strength, long at);

        void error(String code);

        /** Any other event: join, leave, status, waiting, announce, pong, rename or unknown. */
        void other(String type);
    }

    /** The fields of one event that matter here; the rest are skipped unread. */
    private static final class Fields {
        String type;
        String id;
        String code;
        double strength = Double.NaN;
        long at = -1;
        List<Fields> events;
    }

    /**
     * Reads one frame and reports each event in it.
     *
     * @return the number of events, or -1 when the frame is not a JSON object (nothing reported)
     */
    public int read(String frame, Events sink) {
        try (JsonParser parser = JSON.createParser(frame)) {
            return read(parser, sink);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The same for a frame as UTF-8 bytes, which spares the client decoding them into a String. */
    public int read(byte[] frame, int offset, int length, Events sink) {
        try (JsonParser parser = JSON.createParser(frame, offset, length)) {
            return read(parser, sink);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static int read(JsonParser parser, Events sink) {
        Fields top = new Fields();
        try {
            if (parser.nextToken() != JsonToken.START_OBJECT) return -1;
            readObject(parser, top, true);
            if (parser.nextToken() != null) return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        if ("batch".equals(top.type)) {
            if (top.events == null) return 0;
            for (Fields event : top.events) report(event, sink);
            return top.events.size();
        }
        report(top, sink);
        return 1;
    }

    private static void readObject(JsonParser parser, Fields into, boolean topLevel) throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "type" -> into.type = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "id" -> into.id = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "code" -> into.code = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "strength" -> into.strength = value.isNumeric() ? parser.getDoubleValue() : Double.NaN;
                case "at" -> into.at = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : -1;
                case "events" -> {
                    if (topLevel && value == JsonToken.START_ARRAY) {
                        into.events = readEvents(parser);
                    } else {
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (token != JsonToken.END_OBJECT) throw new IOException("unterminated object");
    }

    private static List<Fields> readEvents(JsonParser parser) throws IOException {
        List<Fields> events = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) throw new IOException("unterminated array");
            if (token == JsonToken.START_OBJECT) {
                Fields event = new Fields();
                readObject(parser, event, false);
                events.add(event);
            } else {
                parser.skipChildren();
            }
        }
        return events;
    }

    private static void report(Fields event, Events sink) {
        String type = event.type == null ? "unknown" : event.type;
        if (type.equals("pulse") && event.id != null && !Double.isNaN(event.strength)) {
            sink.pulse(event.id, event.strength, event.at);
        } else if (type.equals("error")) {
            sink.error(event.code == null ? "unknown" : event.code);
        } else {
            sink.other(type);
        }
    }
}
