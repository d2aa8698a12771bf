package dev.heartbeat.desktop.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.protocol.message.CloseCode;

import org.junit.jupiter.api.Test;

class CloseRuleTest {
    @Test
    void aServerGoingAwayOrALostConnectionIsRetried() {
        assertThat(CloseRule.of(1001, "", true).retry()).isTrue();
        assertThat(CloseRule.of(1006, "", true).retry()).isTrue();
        assertThat(CloseRule.of(-1, "Connection refused", false)).satisfies(rule -> {
            assertThat(rule.retry()).isTrue();
            assertThat(rule.reason()).isEqualTo("cannot reach the server");
        });
    }

    @Test
    void aFullSpaceIsRetriedSlowly() {
        CloseRule rule = CloseRule.of(4002, "", true);
        assertThat(rule.retry()).isTrue();
        assertThat(rule.minimumDelayMs()).isEqualTo(CloseRule.SPACE_FULL_DELAY_MS);
        assertThat(rule.reason()).isEqualTo("the space and its queue are full");
    }

    @Test
    void policyReplacementAndRefusedHandshakesAreFinal() {
        assertThat(CloseRule.of(1008, "", true).retry()).isFalse();
        assertThat(CloseRule.of(4001, "", true).reason()).isEqualTo(CloseCode.REPLACED.meaning());
        assertThat(CloseRule.of(4001, "", true).retry()).isFalse();
        CloseRule forbidden = CloseRule.of(1002, "Invalid status code received: 403 Status line: HTTP/1.1 403 Forbidden", false);
        assertThat(forbidden.retry()).isFalse();
        assertThat(forbidden.reason()).contains("403");
        assertThat(CloseRule.of(1002, "Invalid status code received: 503 Status line: HTTP/1.1 503", false).retry()).isTrue();
    }
}
