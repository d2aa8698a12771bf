package dev.heartbeat.server.fanout;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One WebSocket text frame, UTF-8 encoded once and written as the same bytes to every connection
 * that gets it: a single event as it is, or several as {@code {"type":"batch","events":[…]}}.
 * Immutable, so one instance is shared by thousands of outboxes.
 */
public final class Frame {
    private static final byte[] BATCH_START = "{\"type\":\"batch\",\"events\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BATCH_END = "]}".getBytes(StandardCharsets.US_ASCII);

    private final byte[] bytes;
    /** Where the events sit in {@link #bytes}: the batch's array without brackets, or the one event. */
    private final int bodyStart;
    private final int bodyEnd;
    private final int events;
    private final int droppable;
    /** The welcome: a frame of its own, never merged with others. */
    private final boolean alone;
    /** This frame without its pulses, for a connection that has fallen behind; null when nothing would be left. */
    private final Frame essential;

    private Frame(byte[] bytes, int bodyStart, int bodyEnd, int events, int droppable, boolean alone, Frame essential) {
        this.bytes = bytes;
        this.bodyStart = bodyStart;
        this.bodyEnd = bodyEnd;
        this.events = events;
        this.droppable = droppable;
        this.alone = alone;
        this.essential = droppable == 0 ? this : essential;
    }

    /** A message that must be a frame of its own: the welcome. */
    public static Frame alone(byte[] message) {
        return new Frame(message, 0, message.length, 1, 0, true, null);
    }

    /** One event, never dropped. */
    public static Frame of(byte[] event) {
        return new Frame(event, 0, event.length, 1, 0, false, null);
    }

    /** Collects the events of one frame in order; pulses are marked droppable. Not thread-safe. */
    public static final class Builder {
        private final List<byte[]> events = new ArrayList<>();
        private final List<byte[]> kept = new ArrayList<>();

        public Builder add(byte[] event, boolean droppable) {
            events.add(event);
            if (!droppable) kept.add(event);
            return this;
        }

        public boolean isEmpty() {
            return events.isEmpty();
        }

        /** @return null when nothing was added */
        public Frame build() {
            if (events.isEmpty()) return null;
            int dropped = events.size() - kept.size();
            Frame essential = dropped > 0 && !kept.isEmpty() ? Frame.build(kept, 0, null) : null;
            return Frame.build(events, dropped, essential);
        }
    }

    private static Frame build(List<byte[]> events, int droppable, Frame essential) {
        if (events.size() == 1) {
            byte[] only = events.get(0);
            return new Frame(only, 0, only.length, 1, droppable, false, essential);
        }
        int length = BATCH_START.length + BATCH_END.length + events.size() - 1;
        for (byte[] event : events) length += event.length;
        byte[] bytes = new byte[length];
        System.arraycopy(BATCH_START, 0, bytes, 0, BATCH_START.length);
        int at = BATCH_START.length;
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) bytes[at++] = ',';
            byte[] event = events.get(i);
            System.arraycopy(event, 0, bytes, at, event.length);
            at += event.length;
        }
        System.arraycopy(BATCH_END, 0, bytes, at, BATCH_END.length);
        return new Frame(bytes, BATCH_START.length, at, events.size(), droppable, false, essential);
    }

    /** One frame holding the events of all of {@code frames} in order (a connection's backlog). */
    static Frame merge(List<Frame> frames) {
        if (frames.size() == 1) return frames.get(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(BATCH_START, 0, BATCH_START.length);
        int events = 0;
        int droppable = 0;
        for (Frame frame : frames) {
            if (events > 0) out.write(',');
            out.write(frame.bytes, frame.bodyStart, frame.bodyEnd - frame.bodyStart);
            events += frame.events;
            droppable += frame.droppable;
        }
        int bodyEnd = out.size();
        out.write(BATCH_END, 0, BATCH_END.length);
        // A merged frame is sent at once, so it never needs an essential version of its own.
        return new Frame(out.toByteArray(), BATCH_START.length, bodyEnd, events, droppable, false, null);
    }

    /** A fresh view of the bytes for one write: its position is that writer's own; nobody writes into it. */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes);
    }

    public int events() {
        return events;
    }

    /** How many of the events are pulses that may be dropped. */
    public int droppable() {
        return droppable;
    }

    boolean alone() {
        return alone;
    }

    /** Without the pulses; null when the frame held nothing else. */
    Frame essential() {
        return essential;
    }

    /** The frame as text, for tests and logs. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return text();
    }
}
