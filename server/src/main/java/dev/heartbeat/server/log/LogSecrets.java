package dev.heartbeat.server.log;

import ch.qos.logback.core.encoder.JsonEscapeUtil;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What never reaches a log line: the password in any {@code redis://user:password@host} URI, and
 * the values the server was given as secrets (the admin token, the Redis password). Global, as
 * logging itself is: Logback makes its encoders before the server reads its options.
 */
public final class LogSecrets {
    static final String MASK = "****";
    /**
     * The userinfo of a redis URI, its slashes plain or escaped as Logback's JSON writes them. A valid
     * URI's userinfo has no '"', '\\', '/' or space, so a match never reaches past a JSON string.
     */
    private static final Pattern REDIS_USERINFO = Pattern.compile("(rediss?:(?:\\\\?/){2})(?:[^:@/\\\\\\s\"]*:)?[^@/\\\\\\s\"]+@");
    private static final List<String> VALUES = new CopyOnWriteArrayList<>();

    private LogSecrets() {}

    /** From now on, {@code secret} (as it is and as it appears inside a JSON string) is masked. */
    public static void hide(String secret) {
        if (secret == null || secret.isBlank()) return;
        for (String form : List.of(secret, JsonEscapeUtil.jsonEscapeString(secret))) { // as the JSON encoder writes it
            if (!VALUES.contains(form)) VALUES.add(form);
        }
        VALUES.sort(Comparator.comparingInt(String::length).reversed()); // a secret that contains another goes first
    }

    /** The password of a {@code redis://[user:]password@host} URI, as written and percent-decoded. */
    public static List<String> redisPasswords(String uri) {
        try {
            URI parsed = URI.create(uri);
            return Stream.of(parsed.getRawUserInfo(), parsed.getUserInfo()).filter(Objects::nonNull)
                    .map(info -> info.substring(info.indexOf(':') + 1)).filter(p -> !p.isEmpty()).distinct().toList();
        } catch (IllegalArgumentException e) {
            return List.of(); // ServerConfig refuses it before anything connects
        }
    }

    /** {@code line} with every secret masked. */
    public static String mask(String line) {
        String masked = REDIS_USERINFO.matcher(line).replaceAll("$1" + MASK + "@");
        for (String secret : VALUES) masked = masked.replace(secret, MASK);
        return masked;
    }
}
