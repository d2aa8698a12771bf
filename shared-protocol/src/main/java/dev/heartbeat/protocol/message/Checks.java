package dev.heartbeat.protocol.message;

/** Field validation for message constructors; the codec turns these failures into typed errors. */
final class Checks {
    private Checks() {}

    static void notNull(String field, Object value) {
        if (value == null) throw new FieldMissingException(field);
    }

    static void notBlank(String field, String value) {
        notNull(field, value);
        if (value.isBlank()) throw new IllegalArgumentException(field + " must not be empty");
    }

    static void range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    static void range(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(field + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    /** Strength is in (0, 1]: a pulse of zero is no pulse. */
    static void strength(double value) {
        if (!(value > 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException("strength must be in (0, 1], was " + value);
        }
    }
}
