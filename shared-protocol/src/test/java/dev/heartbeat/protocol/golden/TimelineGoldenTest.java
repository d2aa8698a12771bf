package dev.heartbeat.protocol.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heartbeat.protocol.codec.GoldenMessages;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.recording.Burst;
import dev.heartbeat.protocol.recording.IdleStretch;
import dev.heartbeat.protocol.recording.RecordingStats;
import dev.heartbeat.protocol.recording.Timeline;
import dev.heartbeat.protocol.recording.TimelineState;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code timeline/golden-timeline.json}: a recording and what the Java {@link Timeline} says of it
 * (the state at chosen times, bursts, idle stretches, density, counts). The web client's
 * replay-timeline.js must say the same; its node test reads this file.
 */
class TimelineGoldenTest {
    private static final long STARTED_AT = 1_795_377_600_000L; // 2026-11-21T20:00:00Z
    private static final List<Long> IDLE_LIMITS = List.of(2_000L, 5_000L);
    private static final List<Integer> BUCKETS = List.of(1, 7, 60, 200);

    @Test
    void theGoldenFileHoldsWhatTheJavaTimelineSaysOfItsRecording() throws Exception {
        List<String> lines = recording();
        Timeline timeline = Timeline.read(new ByteArrayInputStream((String.join("\n", lines)).getBytes(StandardCharsets.UTF_8)), "golden");
        ObjectNode golden = Goldens.json().createObjectNode();
        golden.put("about", "Written by shared-protocol's TimelineGoldenTest from the Java Timeline; read by web-client's node tests.");
        lines.forEach(golden.putArray("recording")::add);

        RecordingStats stats = timeline.stats();
        golden.putObject("stats").put("duration", timeline.duration()).put("events", stats.events()).put("pulses", stats.pulses())
                .put("membersSeen", stats.membersSeen()).put("unknownSkipped", stats.unknownSkipped())
                .put("damagedSkipped", stats.damagedSkipped()).put("truncated", stats.truncated());

        ArrayNode states = golden.putArray("states");
        for (long t : chosenTimes(timeline.duration())) states.add(state(timeline.stateAt(t)));

        ArrayNode bursts = golden.putArray("bursts");
        for (Burst b : timeline.bursts()) bursts.addObject().put("start", b.start()).put("end", b.end()).put("pulses", b.pulses());

        ObjectNode idle = golden.putObject("idleStretches");
        for (long limit : IDLE_LIMITS) {
            ArrayNode stretches = idle.putArray(Long.toString(limit));
            for (IdleStretch s : timeline.idleStretches(limit)) stretches.addObject().put("start", s.start()).put("end", s.end());
        }

        ObjectNode density = golden.putObject("density");
        for (int buckets : BUCKETS) {
            ArrayNode counts = density.putArray(Integer.toString(buckets));
            for (int n : timeline.density(buckets)) counts.add(n);
        }
        Goldens.check("timeline/golden-timeline.json", golden);
    }

    /** Every 250 ms, and each line's time, the ms before it and the ms after it. */
    private static List<Long> chosenTimes(long duration) {
        TreeMap<Long, Boolean> times = new TreeMap<>();
        for (long t = 0; t <= duration + 1_000; t += 250) times.put(t, true);
        return new ArrayList<>(times.keySet());
    }

    private static JsonNode state(TimelineState state) {
        ObjectNode node = Goldens.json().createObjectNode();
        node.put("t", state.t());
        ArrayNode members = node.putArray("members");
        for (Member m : state.members()) members.addObject().put("id", m.id()).put("name", m.name()).put("hue", m.hue()).put("phase", m.phase());
        node.put("waiting", state.waiting());
        ObjectNode lastPulse = node.putObject("lastPulse");
        new TreeMap<>(state.lastPulse()).forEach((id, p) -> lastPulse.putObject(id).put("t", p.t()).put("strength", p.strength()));
        return node;
    }

    /**
     * About a minute of a space: members come and go, a rename, a queue, pulses about once a second
     * with two bursts, a quiet stretch of 12 s, snapshots every 10 s (one that corrects a lost
     * leave), a batch line, a welcome and an unknown type (skipped), a damaged line, a time that
     * steps back, a pulse of a member that has no line, and a last line cut short.
     */
    private static List<String> recording() {
        Random random = new Random(14);
        List<String> lines = new ArrayList<>();
        lines.add("{\"format\":\"heartbeat-recording\",\"version\":1,\"space\":\"golden\",\"startedAt\":\"2026-11-21T20:00:00Z\",\"capacity\":3}");
        String ada = member("ada", "Ada", 212, 0.37);
        String bo = member("bo", "Bo", 20, 0.8);
        String cy = member("cy", "Cy", 130, 0.125);
        lines.add("{\"t\":0,\"type\":\"snapshot\",\"members\":[" + ada + "],\"waiting\":0}");
        lines.add("{\"t\":400,\"type\":\"join\",\"member\":" + bo + "}");
        lines.add("{\"t\":900,\"type\":\"waiting\",\"count\":2}");
        long t = 1_000;
        for (; t < 8_000; t += 700 + random.nextInt(600)) lines.add(pulse(t, random.nextBoolean() ? "ada" : "bo", 1));
        for (int i = 0; i < 12; i++) lines.add(pulse(8_000 + i * 80, i % 2 == 0 ? "ada" : "bo", 0.5));
        lines.add("{\"t\":9100,\"type\":\"join\",\"member\":" + cy + "}");
        lines.add("{\"t\":9200,\"type\":\"waiting\",\"count\":1}");
        lines.add("{\"t\":9300,\"type\":\"sparkle\",\"id\":\"cy\"}");
        // A welcome belongs to one viewer, not to the space's history: skipped like an unknown type.
        lines.add("{\"t\":9400," + GoldenMessages.server("welcome").replace("\n", "").substring(1));
        lines.add("{\"t\":9500,\"type\":\"pulse\",\"id\":\"nobody\",\"strength\":1,\"at\":" + (STARTED_AT + 9_500) + "}");
        lines.add("{\"t\":9600,\"type\":\"pulse\",\"id\":\"cy\",\"strength\":0.25,\"at\":" + (STARTED_AT + 9_600) + "}");
        lines.add("{\"t\":10000,\"type\":\"snapshot\",\"members\":[" + ada + "," + bo + "," + cy + "],\"waiting\":1}");
        lines.add("{\"t\":10500,\"type\":\"rename\",\"member\":" + member("bo", "Bob", 20, 0.8) + "}");
        lines.add("{\"t\":10700,\"type\":\"announce\",\"text\":\"hello\"}");
        lines.add("{\"t\":11000,\"type\":\"pulse\",\"id\":\"bo\",\"strength\":0.75,\"at\":" + (STARTED_AT + 11_000) + "}");
        lines.add("{\"t\":11200,\"type\":\"pulse\",\"id\":\"ada\",\"strength\":");
        lines.add("{\"t\":11300,\"type\":\"batch\",\"events\":[" + pulseEvent(11_300, "cy", 1) + ",{\"type\":\"waiting\",\"count\":0}]}");
        // Quiet from 11.3 s to 23.3 s: only the recorder's snapshots.
        lines.add("{\"t\":20000,\"type\":\"snapshot\",\"members\":[" + ada + "," + member("bo", "Bob", 20, 0.8) + "," + cy + "],\"waiting\":0}");
        lines.add("{\"t\":23300,\"type\":\"leave\",\"id\":\"ada\",\"reason\":\"closed\"}");
        // A clock that stepped back: read as the time of the line before.
        lines.add("{\"t\":23100,\"type\":\"pulse\",\"id\":\"cy\",\"strength\":1,\"at\":" + (STARTED_AT + 23_100) + "}");
        for (t = 24_000; t < 40_000; t += 800 + random.nextInt(500)) lines.add(pulse(t, random.nextBoolean() ? "cy" : "bo", 1));
        lines.add("{\"t\":40000,\"type\":\"leave\",\"id\":\"cy\",\"reason\":\"timeout\"}");
        // The leave of Bob was lost; the snapshot says who is there.
        lines.add("{\"t\":45000,\"type\":\"snapshot\",\"members\":[],\"waiting\":0}");
        lines.add("{\"t\":46000,\"type\":\"join\",\"member\":" + ada + "}");
        for (int i = 0; i < 10; i++) lines.add(pulse(47_000 + i * 90, "ada", 1));
        lines.add(pulse(50_000, "ada", 1));
        lines.add("{\"t\":52000,\"type\":\"pul");
        return lines;
    }

    private static String member(String id, String name, int hue, double phase) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"hue\":" + hue + ",\"phase\":" + phase + "}";
    }

    private static String pulse(long t, String id, double strength) {
        return "{\"t\":" + t + "," + pulseEvent(t, id, strength).substring(1);
    }

    private static String pulseEvent(long t, String id, double strength) {
        return "{\"type\":\"pulse\",\"id\":\"" + id + "\",\"strength\":" + strength + ",\"at\":" + (STARTED_AT + t) + "}";
    }
}
