package dev.heartbeat.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InboundLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void allowsTheRateAndTellsAboutTheExcessOnceASecond() {
        InboundLimiter limiter = new InboundLimiter(10);
        long t = 5 * SECOND;
        // A burst of one second's worth, then the rate.
        for (int i = 0; i < 10; i++) assertThat(limiter.pulse(t)).isEqualTo(InboundLimiter.Verdict.ALLOW);
        assertThat(limiter.pulse(t)).isEqualTo(InboundLimiter.Verdict.DROP_AND_TELL);
        assertThat(limiter.pulse(t)).isEqualTo(InboundLimiter.Verdict.DROP);
        assertThat(limiter.pulse(t + SECOND / 5)).isEqualTo(InboundLimiter.Verdict.ALLOW);
    }

    @Test
    void overTheLimitSecondAfterSecondIsAbuse() {
        InboundLimiter limiter = new InboundLimiter(10);
        InboundLimiter.Verdict last = InboundLimiter.Verdict.ALLOW;
        for (int second = 0; second < InboundLimiter.SUSTAINED_SECONDS && last != InboundLimiter.Verdict.ABUSE; second++) {
            for (int i = 0; i < 30; i++) last = limiter.pulse(second * SECOND + i * (SECOND / 30));
        }
        assertThat(last).isEqualTo(InboundLimiter.Verdict.ABUSE);
    }

    @Test
    void messagesReadLateAllAtOnceAreNotAFlood() {
        InboundLimiter limiter = new InboundLimiter(10);
        for (int i = 0; i < 120; i++) assertThat(limiter.message(SECOND)).isEqualTo(InboundLimiter.Verdict.ALLOW);
        assertThat(limiter.message(SECOND)).isEqualTo(InboundLimiter.Verdict.DROP);
        InboundLimiter.Verdict last = InboundLimiter.Verdict.DROP;
        for (int i = 0; i < 60; i++) last = limiter.message(SECOND);
        assertThat(last).isEqualTo(InboundLimiter.Verdict.ABUSE);
    }

    @Test
    void aSteadyClientAtTheRateIsNeverLimited() {
        InboundLimiter limiter = new InboundLimiter(10);
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.pulse(i * (SECOND / 10))).isEqualTo(InboundLimiter.Verdict.ALLOW);
            assertThat(limiter.message(i * (SECOND / 10))).isEqualTo(InboundLimiter.Verdict.ALLOW);
        }
    }
}
