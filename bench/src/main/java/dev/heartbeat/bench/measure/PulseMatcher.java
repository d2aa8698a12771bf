package dev.heartbeat.bench.measure;

import java.util.concurrent.atomic.LongAdder;

/**
 * Matches every received pulse to the moment it was sent and records the latency. Each receiver
 * keeps a cursor: for every sender, the sequence it expects next. Pulses from one sender arrive in
 * order, so the expected sequence is the match; a strength tag ahead of it means pulses were lost
 * in between (the server may drop pulses for a slow consumer), and the cursor skips the gap.
 *
 * <p>Pulses with a sequence below {@code firstMeasuredSeq} are the warm-up: matched and timed into
 * recorders of their own, not counted. They take the same code as measured pulses, with no branch
 * between the two: when the warm-up returned early, the JIT compiled the measured path as a trap,
 * and the switch to measuring deoptimized the receivers' whole read loop, whatever the server.
 *
 * <p>The pulse's {@code at} (server time, ms, same clock on the same machine) splits each latency in
 * two: send to the server's acceptance (client write, server read, decode, space lock) and
 * acceptance to receipt (fan-out, batching window, writes, the viewer's read). Millisecond
 * resolution only, as {@code at} has.
 */
public final class PulseMatcher {
    private final PulseLedger ledger;
    private final int firstMeasuredSeq;
    private final boolean tagged;
    /** Per phase, indexed by {@link #phaseOf}: 0 the warm-up, 1 measured. */
    private final LatencyRecorder[] latency;
    private final LatencyRecorder[] toServer = {new LatencyRecorder(), new LatencyRecorder()};
    private final LatencyRecorder[] fromServer = {new LatencyRecorder(), new LatencyRecorder()};
    private final LongAdder[] deliveredIn = {new LongAdder(), new LongAdder()};
    private static final Outcome[] MATCHED_IN = {Outcome.WARMUP, Outcome.MEASURED};
    /** Wall clock and monotonic clock read together, to turn nanoTime stamps into epoch time. */
    private final long baseWallMicros = System.currentTimeMillis() * 1_000;
    private final long baseNanos = System.nanoTime();

    private final LongAdder skipped = new LongAdder();
    private final LongAdder stale = new LongAdder();
    private final LongAdder unmatched = new LongAdder();

    /** What one received pulse turned out to be. */
    public enum Outcome {
        /** Matched and measured. */
        MEASURED,
        /** Matched, but sent during the warm-up. */
        WARMUP,
        /** Older than what this receiver already saw from that sender: a repeat or out of order. */
        STALE,
        /** No send is known for it: not a pulse of this run. */
        UNMATCHED
    }

    /**
     * @param tagged whether senders tag sequences into the strength; without tags the match is by
     *               order alone and a lost pulse shifts every later match of that pair
     */
    public PulseMatcher(PulseLedger ledger, int firstMeasuredSeq, boolean tagged, LatencyRecorder latency) {
        this.ledger = ledger;
        this.firstMeasuredSeq = firstMeasuredSeq;
        this.tagged = tagged;
        this.latency = new LatencyRecorder[] {new LatencyRecorder(), latency};
    }

    /** A fresh cursor for one receiver. */
    public int[] newCursor() {
        return new int[ledger.senders()];
    }

    /**
     * @param cursor        the receiver's own cursor; only that receiver's thread touches it
     * @param receivedNanos {@link System#nanoTime()} when the frame carrying the pulse arrived
     */
    public Outcome match(int[] cursor, int sender, double strength, long receivedNanos) {
        return match(cursor, sender, strength, -1, receivedNanos);
    }

    /** As {@link #match(int[], int, double, long)}, with the pulse's server time {@code at} (ms; -1 if unknown). */
    public Outcome match(int[] cursor, int sender, double strength, long at, long receivedNanos) {
        int expected = cursor[sender];
        int seq = expected;
        if (tagged) {
            int tag = PulseLedger.tagOf(strength);
            if (tag < 0) {
                unmatched.increment();
                return Outcome.UNMATCHED;
            }
            int ahead = Math.floorMod(tag - expected, PulseLedger.TAG_MODULUS);
            if (ahead > PulseLedger.TAG_MODULUS / 2) {
                stale.increment();
                return Outcome.STALE;
            }
            seq = expected + ahead;
        }
        long sentNanos = ledger.sendNanos(sender, seq);
        if (sentNanos < 0) {
            unmatched.increment();
            return Outcome.UNMATCHED;
        }
        cursor[sender] = seq + 1;
        int phase = phaseOf(seq);
        int skippedMeasured = seq - Math.max(expected, firstMeasuredSeq);
        if (skippedMeasured > 0) skipped.add(skippedMeasured);
        deliveredIn[phase].increment();
        latency[phase].recordMicros((receivedNanos - sentNanos) / 1_000);
        if (at > 0) {
            long atMicros = at * 1_000;
            toServer[phase].recordMicros(atMicros - wallMicros(sentNanos));
            fromServer[phase].recordMicros(wallMicros(receivedNanos) - atMicros);
        }
        return MATCHED_IN[phase];
    }

    /** 1 for a measured sequence, 0 for the warm-up: the sign bit, so no branch for the JIT to profile. */
    private int phaseOf(int seq) {
        return (firstMeasuredSeq - 1 - seq) >>> 31;
    }

    private long wallMicros(long nanos) {
        return baseWallMicros + (nanos - baseNanos) / 1_000;
    }

    /**
     * The warm-up's latencies. Read it as often as the measured ones: each read flips the
     * recorders' phase, and a flip the JIT has not seen before measuring deoptimizes the loop too.
     */
    public LatencyRecorder warmupLatency() {
        return latency[0];
    }

    /** From the send to the server's {@code at}: ms resolution. */
    public LatencyRecorder toServer() {
        return toServer[1];
    }

    /** From the server's {@code at} to the receipt: ms resolution. */
    public LatencyRecorder fromServer() {
        return fromServer[1];
    }

    public int firstMeasuredSeq() {
        return firstMeasuredSeq;
    }

    /** Measured pulses received, summed over all receivers. */
    public long delivered() {
        return deliveredIn[1].sum();
    }

    public long warmupDelivered() {
        return deliveredIn[0].sum();
    }

    /** Measured pulses a receiver never got although a later one from the same sender arrived. */
    public long skipped() {
        return skipped.sum();
    }

    public long stale() {
        return stale.sum();
    }

    public long unmatched() {
        return unmatched.sum();
    }

    /** Measured pulses that left the senders: the ones every receiver should get. */
    public long measuredSent() {
        long total = 0;
        for (int s = 0; s < ledger.senders(); s++) total += Math.max(0, ledger.sent(s) - firstMeasuredSeq);
        return total;
    }
}
