package dev.heartbeat.desktop.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heartbeat.protocol.recording.Burst;
import dev.heartbeat.protocol.recording.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a seek bar draws of a recording: its length, the pulse density over it and where the bursts
 * start. Made from a whole {@link Timeline} (a file) or from the server's overview (a recording read
 * by time range, never whole).
 *
 * @param density pulse counts in equal buckets over {@code [0, densitySpan]}
 */
public record RecordingOverview(long duration, long densitySpan, int[] density, List<Burst> bursts) {
    /** Buckets asked of the server; the strip draws them at two pixels each. */
    public static final int BUCKETS = 400;

    public RecordingOverview {
        density = density.clone();
        bursts = List.copyOf(bursts);
    }

    public static RecordingOverview of(Timeline timeline) {
        return new RecordingOverview(timeline.duration(), timeline.duration(), timeline.density(BUCKETS), timeline.bursts());
    }

    /** {@code GET /api/recordings/{id}/overview}'s answer. */
    public static RecordingOverview fromJson(JsonNode node) {
        int[] density = new int[node.path("density").size()];
        for (int i = 0; i < density.length; i++) density[i] = node.path("density").get(i).asInt();
        List<Burst> bursts = new ArrayList<>();
        for (JsonNode b : node.path("bursts")) bursts.add(new Burst(b.path("start").asLong(), b.path("end").asLong(), b.path("pulses").asInt()));
        long duration = node.path("duration").asLong();
        return new RecordingOverview(duration, duration, density, bursts);
    }

    /** The same counts, for a recording that has since grown to {@code reach} ms. */
    public RecordingOverview reaching(long reach) {
        return new RecordingOverview(Math.max(duration, reach), densitySpan, density, bursts);
    }

    public Optional<Burst> nextBurst(long t) {
        return bursts.stream().filter(b -> b.start() > t).findFirst();
    }

    public Optional<Burst> previousBurst(long t) {
        Burst found = null;
        for (Burst b : bursts) {
            if (b.start() >= t) break;
            found = b;
        }
        return Optional.ofNullable(found);
    }
}
