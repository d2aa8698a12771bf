package dev.heartbeat.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemberNameTest {
    @Test
    void namesAreTrimmedAndLoseControlCharacters() {
        assertThat(MemberName.clean("  Ada\u0000\n Lovelace\u200b ")).isEqualTo("Ada Lovelace");
    }

    @Test
    void namesKeepAtMost24CharactersCountingEmojiAsOne() {
        assertThat(MemberName.clean("x".repeat(40))).hasSize(24);
        String hearts = "❤️".repeat(30);
        assertThat(MemberName.clean(hearts).codePointCount(0, MemberName.clean(hearts).length())).isLessThanOrEqualTo(24);
        assertThat(MemberName.clean("🫀".repeat(30)).codePoints().count()).isEqualTo(24);
    }

    @Test
    void nothingPrintableGivesAnEmptyName() {
        assertThat(MemberName.clean("\u0007\t ")).isEmpty();
        assertThat(MemberName.clean(null)).isEmpty();
    }

    @Test
    void spaceNamesFollowTheContract() {
        assertThat(SpaceName.isValid("lobby")).isTrue();
        assertThat(SpaceName.isValid("a")).isTrue();
        assertThat(SpaceName.isValid("0-room-" + "x".repeat(25))).isTrue();
        assertThat(SpaceName.isValid("-lobby")).isFalse();
        assertThat(SpaceName.isValid("Lobby")).isFalse();
        assertThat(SpaceName.isValid("x".repeat(33))).isFalse();
        assertThat(SpaceName.isValid("lob by")).isFalse();
        assertThat(SpaceName.isValid("")).isFalse();
        assertThat(SpaceName.isValid(null)).isFalse();
    }
}
