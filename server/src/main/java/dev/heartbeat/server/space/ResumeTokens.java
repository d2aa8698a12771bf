package dev.heartbeat.server.space;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues resume tokens and honours only those: a token is 16 random bytes followed by the first
 * 16 bytes of their HMAC-SHA256 under the server's secret, base64url without padding (43
 * characters). Without the secret nobody can make a token for a line, however public its id;
 * nodes that share the secret (a cluster, a restarted server) honour each other's tokens.
 */
public final class ResumeTokens {
    public static final int SECRET_BYTES = 32;
    private static final int NONCE_BYTES = 16;
    private static final int MAC_BYTES = 16;
    private static final int TOKEN_CHARS = 43;
    /**
     * One generator per thread: the default one reads /dev/urandom under a lock that every
     * handshake would queue for. DRBG is the JDK's NIST SP 800-90A generator, seeded from the system.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(ResumeTokens::newGenerator);

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public ResumeTokens(byte[] secret) {
        if (secret.length < SECRET_BYTES) throw new IllegalArgumentException("a resume secret has at least 32 bytes");
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** A fresh random secret. */
    public static byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.get().nextBytes(secret);
        return secret;
    }

    /** A new line with a token of its own. */
    public Identity issue() {
        byte[] token = new byte[NONCE_BYTES + MAC_BYTES];
        RANDOM.get().nextBytes(token);
        System.arraycopy(mac(token), 0, token, NONCE_BYTES, MAC_BYTES);
        return Identity.of(Base64.getUrlEncoder().withoutPadding().encodeToString(token));
    }

    /** The line of a token this server (or one sharing its secret) issued; empty for anything else. */
    public Optional<Identity> check(String token) {
        if (token == null || token.length() != TOKEN_CHARS) return Optional.empty();
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length != NONCE_BYTES + MAC_BYTES) return Optional.empty();
        // One token, one spelling: the last character's two spare bits would let another string pass for it.
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(token)) return Optional.empty();
        byte[] expected = Arrays.copyOf(mac(bytes), MAC_BYTES);
        boolean issued = MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, NONCE_BYTES, bytes.length));
        return issued ? Optional.of(Identity.of(token)) : Optional.empty();
    }

    /** The token's line if it was issued here, else a new one. */
    public Identity resumeOrIssue(String token) {
        return check(token).orElseGet(this::issue);
    }

    private static SecureRandom newGenerator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (GeneralSecurityException e) {
            return new SecureRandom();
        }
    }

    private byte[] mac(byte[] token) {
        Mac mac = macs.get();
        mac.update(token, 0, NONCE_BYTES);
        return mac.doFinal();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
