package dev.heartbeat.protocol.message;

import java.util.regex.Pattern;

/** Space names as the contract allows them in {@code /ws/{space}}. */
public final class SpaceName {
    public static final String DEFAULT = "lobby";
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private SpaceName() {}

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    public static String rule() {
        return "a space name is 1 to 32 characters of a-z, 0-9 and '-', not starting with '-'";
    }
}
