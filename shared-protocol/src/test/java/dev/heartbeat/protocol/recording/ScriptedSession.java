package dev.heartbeat.protocol.recording;

import dev.heartbeat.protocol.message.Announce;
import dev.heartbeat.protocol.message.Join;
import dev.heartbeat.protocol.message.Leave;
import dev.heartbeat.protocol.message.LeaveReason;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.protocol.message.Rename;
import dev.heartbeat.protocol.message.ServerEvent;
import dev.heartbeat.protocol.message.WaitingCount;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;

/**
 * A made-up but plausible space session: members join up to capacity, others queue and are
 * promoted, members pulse (sometimes all at once), rename and leave; a snapshot every 10 s, as
 * the recorder writes them. Deterministic for a seed.
 */
final class ScriptedSession {
    static final Instant START = Instant.parse("2026-11-21T20:00:00Z");

    final RecordingHeader header;
    final List<RecordingEntry> entries = new ArrayList<>();

    private final Random random;
    private final LinkedHashMap<String, Member> active = new LinkedHashMap<>();
    private int waiting;
    private int nextId;

    /**
     * @param pulsesPerMemberPerSecond average pulse rate of each active member
     * @param quietChance per second, the chance that nothing at all happens that second
     */
    ScriptedSession(long seed, long durationMs, int capacity, double pulsesPerMemberPerSecond, double quietChance) {
        this(seed, durationMs, capacity, 0, pulsesPerMemberPerSecond, quietChance);
    }

    /** @param initialMembers members that are already there at the start (a full space) */
    ScriptedSession(long seed, long durationMs, int capacity, int initialMembers, double pulsesPerMemberPerSecond, double quietChance) {
        this.header = new RecordingHeader("lobby", START, capacity);
        this.random = new Random(seed);
        long lastSnapshot = 0;
        for (int i = 0; i < initialMembers; i++) {
            Member member = new Member("m" + (nextId++), "Member " + nextId, random.nextInt(360), random.nextDouble());
            active.put(member.id(), member);
        }
        entries.add(new Snapshot(0, List.copyOf(active.values()), 0));
        for (long second = 0; second * 1000 < durationMs; second++) {
            boolean quiet = random.nextDouble() < quietChance;
            boolean burst = !quiet && random.nextDouble() < 0.02;
            List<TimedEvent> thisSecond = new ArrayList<>();
            if (!quiet) {
                churn(second * 1000, capacity, thisSecond);
                double rate = pulsesPerMemberPerSecond * (burst ? 6 : 1);
                for (Member member : active.values()) {
                    int pulses = poisson(rate);
                    for (int p = 0; p < pulses; p++) {
                        long t = second * 1000 + random.nextInt(1000);
                        thisSecond.add(new TimedEvent(t, new Pulse(member.id(), 0.1 + 0.9 * random.nextDouble(), START.toEpochMilli() + t)));
                    }
                }
            }
            // Stable sort keeps churn (at the second's start) before pulses of the same millisecond.
            thisSecond.sort((a, b) -> Long.compare(a.t(), b.t()));
            for (TimedEvent event : thisSecond) {
                if (event.t() - lastSnapshot >= 10_000) {
                    lastSnapshot = event.t();
                    entries.add(new Snapshot(event.t(), snapshotMembers(event.t()), snapshotWaiting(event.t())));
                }
                entries.add(event);
            }
            long end = second * 1000 + 999;
            if (end - lastSnapshot >= 10_000) {
                lastSnapshot = end;
                entries.add(new Snapshot(end, snapshotMembers(end), snapshotWaiting(end)));
            }
        }
    }

    /** Writes the session to {@code file}. */
    Path write(Path file, boolean gzip) throws IOException {
        try (RecordingWriter writer = RecordingWriter.create(file, header, gzip)) {
            for (RecordingEntry entry : entries) writer.entry(entry);
        }
        return file;
    }

    private void churn(long t, int capacity, List<TimedEvent> out) {
        // Churn events are applied to the script's own state at once: a snapshot later this
        // second must reflect them, so membership is tracked per event below.
        if (random.nextDouble() < 0.15) {
            if (active.size() < capacity) {
                Member member = new Member("m" + (nextId++), "Member " + nextId, random.nextInt(360), random.nextDouble());
                active.put(member.id(), member);
                out.add(new TimedEvent(t, new Join(member)));
            } else {
                waiting++;
                out.add(new TimedEvent(t, new WaitingCount(waiting)));
            }
        }
        if (!active.isEmpty() && random.nextDouble() < 0.08) {
            String id = new ArrayList<>(active.keySet()).get(random.nextInt(active.size()));
            active.remove(id);
            out.add(new TimedEvent(t, new Leave(id, LeaveReason.values()[random.nextInt(3)])));
            if (waiting > 0) {
                waiting--;
                Member promoted = new Member("m" + (nextId++), "Queued " + nextId, random.nextInt(360), random.nextDouble());
                active.put(promoted.id(), promoted);
                out.add(new TimedEvent(t, new Join(promoted)));
                out.add(new TimedEvent(t, new WaitingCount(waiting)));
            }
        }
        if (!active.isEmpty() && random.nextDouble() < 0.02) {
            String id = new ArrayList<>(active.keySet()).get(random.nextInt(active.size()));
            Member renamed = active.get(id).withName("Renamed " + random.nextInt(100));
            active.put(id, renamed);
            out.add(new TimedEvent(t, new Rename(renamed)));
        }
        if (random.nextDouble() < 0.01) out.add(new TimedEvent(t, new Announce("hello at " + t)));
    }

    // Churn happens at the start of a second, before any snapshot within it, so the script's
    // state is the state at any later time in the second.
    private List<Member> snapshotMembers(long t) {
        return List.copyOf(active.values());
    }

    private int snapshotWaiting(long t) {
        return waiting;
    }

    private int poisson(double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= random.nextDouble();
            n++;
        }
        return n;
    }

    static List<ServerEvent> events(List<RecordingEntry> entries) {
        List<ServerEvent> events = new ArrayList<>();
        for (RecordingEntry entry : entries) if (entry instanceof TimedEvent timed) events.add(timed.event());
        return events;
    }
}
