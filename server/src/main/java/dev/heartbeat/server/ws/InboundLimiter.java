package dev.heartbeat.server.ws;

/**
 * Per-connection inbound budget. Pulses get {@code pulsesPerSecond} (token bucket with a burst of
 * one second's worth, as docs/protocol.md says); the excess is dropped with at most one
 * {@code rate-limited} error a second.
 * All messages together get a wider budget with a burst of four seconds' worth, so that messages
 * a busy server reads late, all at once, are not mistaken for a flood. A flood well past it, or
 * pulses over the limit for {@link #SUSTAINED_SECONDS} seconds in a row, is abuse and closes the
 * connection (1008). Used by one connection's reader thread at a time.
 */
final class InboundLimiter {
    static final int SUSTAINED_SECONDS = 10;

    enum Verdict { ALLOW, DROP, DROP_AND_TELL, ABUSE }

    private final Bucket pulses;
    private final Bucket messages;
    private final double messageRate;
    private long toldSecond = Long.MIN_VALUE;
    private long lastLimitedSecond = Long.MIN_VALUE;
    private int limitedSecondsInRow;
    private long floodSecond = Long.MIN_VALUE;
    private int floodCount;

    InboundLimiter(int pulsesPerSecond) {
        this.pulses = new Bucket(pulsesPerSecond, pulsesPerSecond);
        this.messageRate = Math.max(20, 3.0 * pulsesPerSecond);
        this.messages = new Bucket(messageRate, 4 * messageRate);
    }

    /** Every inbound message, whatever it is, passes here first. */
    Verdict message(long nowNanos) {
        if (messages.take(nowNanos)) return Verdict.ALLOW;
        long second = nowNanos / 1_000_000_000L;
        if (second != floodSecond) {
            floodSecond = second;
            floodCount = 0;
        }
        return ++floodCount > 2 * messageRate ? Verdict.ABUSE : Verdict.DROP;
    }

    Verdict pulse(long nowNanos) {
        if (pulses.take(nowNanos)) return Verdict.ALLOW;
        long second = nowNanos / 1_000_000_000L;
        if (second != lastLimitedSecond) {
            limitedSecondsInRow = second == lastLimitedSecond + 1 ? limitedSecondsInRow + 1 : 1;
            lastLimitedSecond = second;
        }
        if (limitedSecondsInRow >= SUSTAINED_SECONDS) return Verdict.ABUSE;
        if (second == toldSecond) return Verdict.DROP;
        toldSecond = second;
        return Verdict.DROP_AND_TELL;
    }

    private static final class Bucket {
        private final double ratePerNano;
        private final double burst;
        private double tokens;
        private long lastNanos = Long.MIN_VALUE;

        Bucket(double perSecond, double burst) {
            this.ratePerNano = perSecond / 1e9;
            this.burst = burst;
            this.tokens = burst;
        }

        boolean take(long nowNanos) {
            if (lastNanos != Long.MIN_VALUE) {
                tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * ratePerNano);
            }
            lastNanos = nowNanos;
            if (tokens < 1) return false;
            tokens -= 1;
            return true;
        }
    }
}
