package dev.heartbeat.protocol.recording;

import java.io.IOException;

/** A file is not a recording this reader can play: the message says what is wrong, in plain words. */
public final class RecordingFormatException extends IOException {
    public RecordingFormatException(String message) {
        super(message);
    }

    public RecordingFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
