package dev.heartbeat.server.record;

import java.time.Instant;

/**
 * One recording as {@code GET /api/recordings} lists it.
 *
 * @param duration ms from the start to the last line
 * @param size bytes on disk
 * @param membersSeen distinct members that had a line during the recording
 * @param live still being written
 * @param truncated ends mid-line (a crash); everything before plays
 */
public record RecordingInfo(String id, String space, Instant start, long duration, long size, int membersSeen,
                            int pulses, int events, boolean gzip, boolean live, boolean truncated) {}
