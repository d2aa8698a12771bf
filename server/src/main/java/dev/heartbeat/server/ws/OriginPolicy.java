package dev.heartbeat.server.ws;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which browser pages may open a socket. Allowed: no Origin at all (not a browser), the server's
 * own host, localhost, and the configured origins ({@code *} allows any).
 */
public final class OriginPolicy {
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final List<String> configured;

    public OriginPolicy(List<String> allowedOrigins) {
        this.configured = allowedOrigins.stream().map(OriginPolicy::normalise).toList();
    }

    /** @param hostHeader the request's Host header, e.g. {@code example.org:8080} */
    public boolean allows(String origin, String hostHeader) {
        if (origin == null || origin.isBlank()) return true;
        if (configured.contains("*") || configured.contains(normalise(origin))) return true;
        try {
            URI uri = URI.create(origin.trim());
            String host = uri.getHost();
            if (host == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) return false;
            host = host.toLowerCase(Locale.ROOT);
            if (LOCAL_HOSTS.contains(host)) return true;
            return hostHeader != null && uri.getAuthority().equalsIgnoreCase(hostHeader.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String normalise(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
