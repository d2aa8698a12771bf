package dev.heartbeat.desktop.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SpaceAddressTest {
    @Test
    void buildsTheContractsSocketAddressWithNameAndResume() {
        SpaceAddress address = SpaceAddress.parse("ws://example.org:8080/", "lobby", " Ada Lovelace ");
        assertThat(address.socketUri(null)).hasToString("ws://example.org:8080/ws/lobby?name=Ada+Lovelace");
        assertThat(address.socketUri("abc_-123")).hasToString("ws://example.org:8080/ws/lobby?name=Ada+Lovelace&resume=abc_-123");
    }

    @Test
    void acceptsWhatPeopleTypeForAServer() {
        assertThat(SpaceAddress.parse("localhost:9000", "a", "").server()).hasToString("ws://localhost:9000");
        assertThat(SpaceAddress.parse("https://heartbeat.example/s/lobby", "a", "").server()).hasToString("wss://heartbeat.example");
        assertThat(SpaceAddress.parse("http://h:1", "a", "").socketUri(null)).hasToString("ws://h:1/ws/a");
    }

    @Test
    void refusesWhatCannotWork() {
        assertThatThrownBy(() -> SpaceAddress.parse("ftp://h", "lobby", "")).hasMessageContaining("ws://");
        assertThatThrownBy(() -> SpaceAddress.parse("", "lobby", "")).hasMessageContaining("server");
        assertThatThrownBy(() -> SpaceAddress.parse("ws://h", "Lobby!", "")).hasMessageContaining("space name");
    }

    @Test
    void cleansTheNameAsTheServerWould() {
        assertThat(SpaceAddress.parse("ws://h", "lobby", "a\u0000b" + "x".repeat(40)).name()).hasSize(24);
    }
}
