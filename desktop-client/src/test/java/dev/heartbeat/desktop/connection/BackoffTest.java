package dev.heartbeat.desktop.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void delaysDoubleWithHalfOfEachRandomAndStopAtTheCeiling() {
        Backoff backoff = new Backoff(500, 30_000, new SplittableRandom(7));
        for (int retry = 0; retry < 12; retry++) {
            double ceiling = Math.min(30_000, 500 * Math.pow(2, retry));
            for (int i = 0; i < 50; i++) {
                assertThat(backoff.delayMs(retry)).isBetween((long) (ceiling / 2), (long) ceiling);
            }
        }
        assertThat(backoff.delayMs(1_000)).isBetween(15_000L, 30_000L);
    }

    @Test
    void theFirstRetriesFitInTheServersResumeGrace() {
        Backoff backoff = new Backoff(Backoff.DEFAULT_FIRST_MS, Backoff.DEFAULT_MAX_MS, new SplittableRandom(1));
        long total = 0;
        for (int retry = 0; retry < 4; retry++) total += backoff.delayMs(retry);
        assertThat(total).isLessThan(15_000);
    }
}
