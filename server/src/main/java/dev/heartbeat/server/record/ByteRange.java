package dev.heartbeat.server.record;

/** One HTTP byte range ({@code Range: bytes=a-b}, {@code a-}, {@code -n}), so a player can fetch part of a file. */
final class ByteRange {
    /** Returned for a range that lies outside the file. */
    static final long[] UNSATISFIABLE = new long[0];

    private ByteRange() {}

    /**
     * @return {@code null} for no (or an unsupported, e.g. multi-part) range: send everything;
     *     {@link #UNSATISFIABLE}; else {@code {first, last}}, inclusive
     */
    static long[] parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) return null;
        String spec = header.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) return null;
        try {
            String from = spec.substring(0, dash).trim();
            String to = spec.substring(dash + 1).trim();
            if (from.isEmpty()) {
                long suffix = Long.parseLong(to);
                if (suffix <= 0 || size == 0) return UNSATISFIABLE;
                return new long[] {Math.max(0, size - suffix), size - 1};
            }
            long first = Long.parseLong(from);
            long last = to.isEmpty() ? size - 1 : Math.min(Long.parseLong(to), size - 1);
            if (first < 0 || first >= size || last < first) return UNSATISFIABLE;
            return new long[] {first, last};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
