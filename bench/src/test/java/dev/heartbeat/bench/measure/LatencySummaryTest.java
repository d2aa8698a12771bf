package dev.heartbeat.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void percentilesComeOutInMillisecondsFromMicroseconds() {
        Histogram micros = new Histogram(LatencySummary.HIGHEST_TRACKABLE_MICROS, LatencySummary.SIGNIFICANT_DIGITS);
        for (int ms = 1; ms <= 100; ms++) micros.recordValue(ms * 1_000L);

        LatencySummary summary = LatencySummary.of(micros);

        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.p50Ms()).isBetween(49.9, 50.1);
        assertThat(summary.p90Ms()).isBetween(89.9, 90.1);
        assertThat(summary.p99Ms()).isBetween(98.9, 99.1);
        assertThat(summary.maxMs()).isBetween(99.9, 100.1);
        assertThat(summary.meanMs()).isBetween(50.4, 50.6);
    }

    @Test
    void anEmptyHistogramIsAllZeros() {
        assertThat(LatencySummary.of(new Histogram(3))).isEqualTo(LatencySummary.EMPTY);
    }

    @Test
    void theRecorderClampsValuesBeyondTheTrackableRangeInsteadOfFailing() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.recordMicros(-5);
        recorder.recordMicros(LatencySummary.HIGHEST_TRACKABLE_MICROS * 10);
        LatencySummary summary = recorder.total();
        assertThat(summary.count()).isEqualTo(2);
        assertThat(summary.maxMs()).isBetween(59_900.0, 60_100.0);
    }

    @Test
    void intervalsAddUpToTheTotal() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.recordMicros(1_000);
        assertThat(recorder.interval().count()).isEqualTo(1);
        recorder.recordMicros(2_000);
        recorder.recordMicros(3_000);
        assertThat(recorder.interval().count()).isEqualTo(2);
        assertThat(recorder.total().count()).isEqualTo(3);
    }

    @Test
    void fieldsAreNamedWithTheirPrefixInReportOrder() {
        LatencySummary summary = new LatencySummary(3, 1, 2, 3, 4, 5, 2.5);
        assertThat(summary.asFields("latency")).containsExactly(
                org.assertj.core.api.Assertions.entry("latencyCount", 3L),
                org.assertj.core.api.Assertions.entry("latencyP50Ms", 1.0),
                org.assertj.core.api.Assertions.entry("latencyP90Ms", 2.0),
                org.assertj.core.api.Assertions.entry("latencyP99Ms", 3.0),
                org.assertj.core.api.Assertions.entry("latencyP999Ms", 4.0),
                org.assertj.core.api.Assertions.entry("latencyMaxMs", 5.0),
                org.assertj.core.api.Assertions.entry("latencyMeanMs", 2.5));
    }
}
