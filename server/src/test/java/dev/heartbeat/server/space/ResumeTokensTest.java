package dev.heartbeat.server.space;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeTokensTest {
    private final ResumeTokens tokens = new ResumeTokens(ResumeTokens.newSecret());

    @Test
    void anIssuedTokenAlwaysGivesTheSameLine() {
        Identity issued = tokens.issue();
        assertThat(issued.token()).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(tokens.check(issued.token())).contains(issued);
        assertThat(tokens.resumeOrIssue(issued.token())).isEqualTo(issued);
    }

    @Test
    void aTokenThisSecretDidNotSignIsRefused() {
        Identity issued = tokens.issue();
        char last = issued.token().charAt(42);
        String altered = issued.token().substring(0, 42) + (last == 'A' ? 'B' : 'A');
        assertThat(tokens.check(altered)).isEmpty();
        assertThat(new ResumeTokens(ResumeTokens.newSecret()).check(issued.token())).as("another server's").isEmpty();
        assertThat(tokens.check(null)).isEmpty();
        assertThat(tokens.check("short")).isEmpty();
        assertThat(tokens.check("!".repeat(43))).isEmpty();
        // The last character carries two spare bits: another spelling of the same bytes is not the token.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char spare = alphabet.charAt(alphabet.indexOf(issued.token().charAt(42)) ^ 1);
        String respelled = issued.token().substring(0, 42) + spare;
        assertThat(Base64.getUrlDecoder().decode(respelled)).isEqualTo(Base64.getUrlDecoder().decode(issued.token()));
        assertThat(tokens.check(respelled)).isEmpty();
        Identity fresh = tokens.resumeOrIssue(altered);
        assertThat(fresh.token()).isNotEqualTo(altered);
        assertThat(tokens.check(fresh.token())).contains(fresh);
    }

    @Test
    void theOldUnsignedTokensThatWereHashedToAChosenIdAreNoLongerHonoured() throws Exception {
        // Before: any 22 characters were a token, and the id was its SHA-256; a forger searched for one.
        byte[] guess = MessageDigest.getInstance("SHA-256").digest("victim".getBytes(StandardCharsets.UTF_8));
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(guess, 16));
        assertThat(unsigned).hasSize(22);
        assertThat(tokens.check(unsigned)).isEmpty();
    }

    @Test
    void linesAreSpreadOverHuesAndPhasesAndIdsAreDistinct() {
        Set<String> ids = new HashSet<>();
        Set<Integer> hues = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            Identity identity = tokens.issue();
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
    void theSecretFileIsMadeOnceOwnerOnlyAndReadBack(@TempDir Path folder) throws Exception {
        byte[] first = ResumeSecretFile.loadOrCreate(folder.resolve("recordings"));
        byte[] again = ResumeSecretFile.loadOrCreate(folder.resolve("recordings"));
        assertThat(again).isEqualTo(first).hasSize(ResumeTokens.SECRET_BYTES);
        Path file = folder.resolve("recordings").resolve(ResumeSecretFile.NAME);
        assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        Identity issued = new ResumeTokens(first).issue();
        assertThat(new ResumeTokens(again).check(issued.token())).contains(issued);
    }
}
