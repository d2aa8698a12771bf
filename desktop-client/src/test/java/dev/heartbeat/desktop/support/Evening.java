package dev.heartbeat.desktop.support;

import dev.heartbeat.protocol.message.Join;
import dev.heartbeat.protocol.message.Leave;
import dev.heartbeat.protocol.message.LeaveReason;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.protocol.message.WaitingCount;
import dev.heartbeat.protocol.recording.RecordingHeader;
import dev.heartbeat.protocol.recording.RecordingWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A 45-second evening written with the project's {@link RecordingWriter}: three joins, a queue,
 * steady pulses, a burst at 8 s, a quiet stretch from 10 s to 40 s (only the recorder's snapshots),
 * a second burst at 43 s and a leave.
 */
public final class Evening {
    public static final Instant STARTED_AT = Instant.parse("2026-11-21T19:00:00Z");
    public static final Member ADA = new Member("ada", "Ada", 212, 0.37);
    public static final Member BO = new Member("bo", "Bo", 20, 0.8);
    public static final Member CY = new Member("cy", "Cy", 130, 0.1);
    public static final long DURATION = 45_000;
    public static final long FIRST_BURST = 8_000;
    public static final long SECOND_BURST = 43_000;
    public static final long QUIET_FROM = 10_000;
    public static final long QUIET_TO = 40_000;

    private Evening() {}

    public static Path write(Path folder) throws IOException {
        Path file = folder.resolve("evening.hbrec");
        try (RecordingWriter out = RecordingWriter.create(file, new RecordingHeader("evening", STARTED_AT, 5), false)) {
            out.snapshot(0, List.of(), 0);
            out.event(500, new Join(ADA));
            out.event(800, new Join(BO));
            out.event(1_000, new WaitingCount(1));
            pulse(out, 1_500, ADA);
            pulse(out, 2_000, BO);
            pulse(out, 3_000, ADA);
            pulse(out, 4_500, ADA);
            pulse(out, 5_000, BO);
            pulse(out, 6_000, ADA);
            for (int i = 0; i < 8; i++) pulse(out, FIRST_BURST + i * 110, i % 2 == 0 ? ADA : BO);
            out.event(9_500, new Join(CY));
            pulse(out, 9_800, CY);
            out.event(QUIET_FROM, new WaitingCount(0));
            out.snapshot(20_000, List.of(ADA, BO, CY), 0);
            out.snapshot(30_000, List.of(ADA, BO, CY), 0);
            pulse(out, QUIET_TO, ADA);
            out.event(41_000, new Leave(BO.id(), LeaveReason.CLOSED));
            pulse(out, 42_000, ADA);
            for (int i = 0; i < 6; i++) pulse(out, SECOND_BURST + i * 130, i % 2 == 0 ? ADA : CY);
            out.snapshot(DURATION, List.of(ADA, CY), 0);
        }
        return file;
    }

    private static void pulse(RecordingWriter out, long t, Member member) throws IOException {
        out.event(t, new Pulse(member.id(), 1.0, STARTED_AT.toEpochMilli() + t));
    }
}
