package dev.heartbeat.server.space;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A viewer's line, derived from its resume token: the same token always gives the same id, hue
 * and phase, so a viewer that comes back after the grace period, through another node, or after a
 * restart still draws its own line, and the server needs no table of tokens. Tokens are issued and
 * checked by {@link ResumeTokens}; knowing an id does not reveal its token (the id is a hash).
 */
public record Identity(String token, String id, int hue, double phase) {
    private static final char[] ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    /** The line behind a token the server issued. */
    static Identity of(String token) {
        byte[] hash = sha256(token);
        StringBuilder id = new StringBuilder(8);
        for (int i = 0; i < 8; i++) id.append(ID_ALPHABET[hash[i] & 31]);
        int hue = (((hash[8] & 0xff) << 8) | (hash[9] & 0xff)) % 360;
        double phase = Math.round(((((hash[10] & 0xff) << 8) | (hash[11] & 0xff)) / 65535.0) * 10_000) / 10_000.0;
        return new Identity(token, id.toString(), hue, phase);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
