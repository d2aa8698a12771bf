package dev.heartbeat.server.space;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A viewer's line, derived from its resume token: the same token always gives the same id, hue
 * and phase. So a client that comes back after the grace period, through another node, or after
 * a server restart still gets its own line, and the server needs no table of tokens. Knowing an
 * id does not reveal the token (it is a hash), so nobody can take over another's line.
 */
public record Identity(String token, String id, int hue, double phase) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final char[] ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    public static Identity fresh() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return fromToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)).orElseThrow();
    }

    /** The identity behind a token, or empty when the string is not a token this server issues. */
    public static Optional<Identity> fromToken(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) return Optional.empty();
        byte[] hash = sha256(token);
        StringBuilder id = new StringBuilder(8);
        for (int i = 0; i < 8; i++) id.append(ID_ALPHABET[hash[i] & 31]);
        int hue = (((hash[8] & 0xff) << 8) | (hash[9] & 0xff)) % 360;
        double phase = Math.round(((((hash[10] & 0xff) << 8) | (hash[11] & 0xff)) / 65535.0) * 10_000) / 10_000.0;
        return Optional.of(new Identity(token, id.toString(), hue, phase));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
