package dev.heartbeat.server.space;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentityTest {
    @Test
    void theSameTokenAlwaysGivesTheSameLine() {
        Identity fresh = Identity.fresh();
        assertThat(Identity.fromToken(fresh.token())).contains(fresh);
    }

    @Test
    void linesAreSpreadOverHuesAndPhasesAndIdsAreDistinct() {
        Set<String> ids = new HashSet<>();
        Set<Integer> hues = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            Identity identity = Identity.fresh();
            ids.add(identity.id());
            hues.add(identity.hue() / 30);
            assertThat(identity.hue()).isBetween(0, 359);
            assertThat(identity.phase()).isBetween(0.0, 1.0);
            assertThat(identity.id()).matches("[a-z2-9]{8}");
        }
        assertThat(ids).hasSize(2000);
        assertThat(hues).hasSize(12);
    }

    @Test
    void stringsThatAreNotTokensAreRefused() {
        assertThat(Identity.fromToken(null)).isEmpty();
        assertThat(Identity.fromToken("short")).isEmpty();
        assertThat(Identity.fromToken("x".repeat(21) + "/")).isEmpty();
    }
}
