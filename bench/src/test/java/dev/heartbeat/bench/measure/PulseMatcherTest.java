package dev.heartbeat.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PulseMatcherTest {
    private static final long MS = 1_000_000L;

    private final PulseLedger ledger = new PulseLedger(2, 100);
    private final LatencyRecorder latency = new LatencyRecorder();

    @Test
    void matchesPulsesOfEachSenderInOrderAndRecordsSendToReceipt() {
        PulseMatcher matcher = new PulseMatcher(ledger, 0, true, latency);
        int[] cursor = matcher.newCursor();
        int a0 = ledger.recordSend(0, 1_000 * MS);
        int b0 = ledger.recordSend(1, 1_001 * MS);
        int a1 = ledger.recordSend(0, 1_010 * MS);

        assertThat(matcher.match(cursor, 1, PulseLedger.strengthFor(b0), 1_021 * MS)).isEqualTo(PulseMatcher.Outcome.MEASURED);
        assertThat(matcher.match(cursor, 0, PulseLedger.strengthFor(a0), 1_005 * MS)).isEqualTo(PulseMatcher.Outcome.MEASURED);
        assertThat(matcher.match(cursor, 0, PulseLedger.strengthFor(a1), 1_040 * MS)).isEqualTo(PulseMatcher.Outcome.MEASURED);

        LatencySummary summary = latency.total();
        assertThat(summary.count()).isEqualTo(3);
        assertThat(summary.maxMs()).isBetween(29.9, 30.1);
        assertThat(matcher.delivered()).isEqualTo(3);
        assertThat(matcher.skipped()).isZero();
    }

    @Test
    void aTagAheadOfTheCursorCountsTheGapAndMatchesTheRightSend() {
        PulseMatcher matcher = new PulseMatcher(ledger, 0, true, latency);
        int[] cursor = matcher.newCursor();
        for (int i = 0; i < 5; i++) ledger.recordSend(0, (100 + i * 10) * MS);

        matcher.match(cursor, 0, PulseLedger.strengthFor(0), 101 * MS);
        // Pulses 1 and 2 were dropped for this receiver; 3 arrives 2 ms after it was sent.
        matcher.match(cursor, 0, PulseLedger.strengthFor(3), 132 * MS);

        assertThat(matcher.skipped()).isEqualTo(2);
        assertThat(matcher.delivered()).isEqualTo(2);
        assertThat(latency.total().maxMs()).isBetween(1.99, 2.01);
    }

    @Test
    void aRepeatedOrOlderPulseIsStaleAndDoesNotMoveTheCursor() {
        PulseMatcher matcher = new PulseMatcher(ledger, 0, true, latency);
        int[] cursor = matcher.newCursor();
        ledger.recordSend(0, 0);
        ledger.recordSend(0, MS);

        matcher.match(cursor, 0, PulseLedger.strengthFor(0), MS);
        matcher.match(cursor, 0, PulseLedger.strengthFor(1), 2 * MS);
        assertThat(matcher.match(cursor, 0, PulseLedger.strengthFor(0), 3 * MS)).isEqualTo(PulseMatcher.Outcome.STALE);
        assertThat(matcher.stale()).isEqualTo(1);
        assertThat(matcher.delivered()).isEqualTo(2);
    }

    @Test
    void warmUpPulsesAreMatchedAndTimedApartButNotCounted() {
        PulseMatcher matcher = new PulseMatcher(ledger, 2, true, latency);
        int[] cursor = matcher.newCursor();
        for (int i = 0; i < 4; i++) ledger.recordSend(0, i * MS);

        assertThat(matcher.match(cursor, 0, PulseLedger.strengthFor(0), 50 * MS)).isEqualTo(PulseMatcher.Outcome.WARMUP);
        // Pulse 1 (warm-up) is lost: not a measured loss. Pulse 2 is the first measured one.
        assertThat(matcher.match(cursor, 0, PulseLedger.strengthFor(2), 3 * MS)).isEqualTo(PulseMatcher.Outcome.MEASURED);
        matcher.match(cursor, 0, PulseLedger.strengthFor(3), 4 * MS);

        assertThat(matcher.warmupDelivered()).isEqualTo(1);
        assertThat(matcher.delivered()).isEqualTo(2);
        assertThat(matcher.skipped()).isZero();
        assertThat(matcher.measuredSent()).isEqualTo(2);
        assertThat(latency.total().maxMs()).isBetween(0.99, 1.01);
        assertThat(matcher.warmupLatency().total().maxMs()).isBetween(49.9, 50.1);
        assertThat(matcher.warmupLatency().total().count()).isEqualTo(1);
    }

    @Test
    void aPulseNoSenderSentIsUnmatched() {
        PulseMatcher matcher = new PulseMatcher(ledger, 0, true, latency);
        int[] cursor = matcher.newCursor();
        assertThat(matcher.match(cursor, 1, PulseLedger.strengthFor(0), MS)).isEqualTo(PulseMatcher.Outcome.UNMATCHED);
        assertThat(matcher.match(cursor, 1, 0.12345, MS)).isEqualTo(PulseMatcher.Outcome.UNMATCHED);
        assertThat(matcher.unmatched()).isEqualTo(2);
        assertThat(cursor[1]).isZero();
    }

    @Test
    void withoutTagsTheMatchIsByOrderAlone() {
        PulseMatcher matcher = new PulseMatcher(ledger, 0, false, latency);
        int[] cursor = matcher.newCursor();
        ledger.recordSend(0, 0);
        ledger.recordSend(0, 10 * MS);

        matcher.match(cursor, 0, 1.0, 5 * MS);
        matcher.match(cursor, 0, 1.0, 17 * MS);

        assertThat(matcher.delivered()).isEqualTo(2);
        assertThat(latency.total().maxMs()).isBetween(6.99, 7.01);
    }

    @Test
    void sequenceTagsWrapAroundAndStayWithinTheContractsStrengthRange() {
        for (int seq : new int[] {0, 1, 998, 999, 1000, 1001, 123_456}) {
            double strength = PulseLedger.strengthFor(seq);
            assertThat(strength).isGreaterThan(0).isLessThanOrEqualTo(1);
            assertThat(PulseLedger.tagOf(strength)).isEqualTo(seq % PulseLedger.TAG_MODULUS);
        }
        assertThat(PulseLedger.tagOf(0.12345)).isEqualTo(-1);
        assertThat(PulseLedger.tagOf(0)).isEqualTo(-1);
    }

    @Test
    void aLedgerRefusesSendsBeyondItsCapacity() {
        PulseLedger small = new PulseLedger(1, 2);
        assertThat(small.recordSend(0, 1)).isZero();
        assertThat(small.recordSend(0, 2)).isEqualTo(1);
        assertThat(small.recordSend(0, 3)).isEqualTo(-1);
        assertThat(small.totalSent()).isEqualTo(2);
        assertThat(small.sendNanos(0, 2)).isEqualTo(-1);
    }
}
