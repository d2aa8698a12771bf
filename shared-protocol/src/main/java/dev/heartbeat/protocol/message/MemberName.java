package dev.heartbeat.protocol.message;

/** Display names as the contract wants them: trimmed, no control characters, at most 24 characters. */
public final class MemberName {
    public static final int MAX_LENGTH = 24;

    private MemberName() {}

    /** The cleaned name, possibly empty when nothing printable was given. */
    public static String clean(String raw) {
        if (raw == null) return "";
        StringBuilder kept = new StringBuilder(Math.min(raw.length(), 64));
        raw.codePoints()
                .filter(cp -> !Character.isISOControl(cp) && Character.getType(cp) != Character.FORMAT)
                .forEach(kept::appendCodePoint);
        String trimmed = kept.toString().strip();
        if (trimmed.codePointCount(0, trimmed.length()) <= MAX_LENGTH) return trimmed;
        return trimmed.substring(0, trimmed.offsetByCodePoints(0, MAX_LENGTH)).strip();
    }
}
