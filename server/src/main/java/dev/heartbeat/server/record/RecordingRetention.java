package dev.heartbeat.server.record;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Which finished recordings to keep, so that the disk never fills: at most a number of files,
 * none older than an age, at most a total size; any combination. Written as for
 * {@code --recordings-keep}: comma-separated {@code 500} (files), {@code 30d} / {@code 12h} /
 * {@code 90m} (age), {@code 2gb} / {@code 500mb} (total size). Files being written are never deleted.
 */
public record RecordingRetention(OptionalInt maxFiles, Optional<Duration> maxAge, OptionalLong maxTotalBytes) {
    /** The default of {@code --recordings-keep}. */
    public static final String DEFAULT = "1000,30d,2gb";

    public RecordingRetention {
        if (maxFiles.isPresent() && maxFiles.getAsInt() < 1) throw new IllegalArgumentException("keep at least 1 recording");
        if (maxAge.isPresent() && (maxAge.get().isNegative() || maxAge.get().isZero())) {
            throw new IllegalArgumentException("the age to keep recordings must be positive");
        }
        if (maxTotalBytes.isPresent() && maxTotalBytes.getAsLong() < 1) throw new IllegalArgumentException("the size to keep must be positive");
    }

    public static RecordingRetention defaults() {
        return parse(DEFAULT);
    }

    /** Parses {@code --recordings-keep}; the message of a refusal says what is accepted. */
    public static RecordingRetention parse(String text) {
        OptionalInt files = OptionalInt.empty();
        Optional<Duration> age = Optional.empty();
        OptionalLong bytes = OptionalLong.empty();
        if (text == null || text.isBlank()) throw new IllegalArgumentException(usage(text));
        for (String raw : text.split(",")) {
            String part = raw.trim().toLowerCase(Locale.ROOT);
            try {
                if (part.matches("\\d+")) {
                    files = OptionalInt.of(Integer.parseInt(part));
                } else if (part.matches("\\d+[dhm]")) {
                    long amount = Long.parseLong(part.substring(0, part.length() - 1));
                    age = Optional.of(switch (part.charAt(part.length() - 1)) {
                        case 'd' -> Duration.ofDays(amount);
                        case 'h' -> Duration.ofHours(amount);
                        default -> Duration.ofMinutes(amount);
                    });
                } else if (part.matches("\\d+(kb|mb|gb|tb)")) {
                    long amount = Long.parseLong(part.substring(0, part.length() - 2));
                    long unit = switch (part.substring(part.length() - 2)) {
                        case "kb" -> 1L << 10;
                        case "mb" -> 1L << 20;
                        case "gb" -> 1L << 30;
                        default -> 1L << 40;
                    };
                    bytes = OptionalLong.of(Math.multiplyExact(amount, unit));
                } else {
                    throw new IllegalArgumentException(usage(text));
                }
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException(usage(text));
            }
        }
        return new RecordingRetention(files, age, bytes);
    }

    private static String usage(String text) {
        return "--recordings-keep '" + text + "' is not understood: use a number of files (500), an age (30d, 12h, 90m),"
                + " a total size (2gb, 500mb), or several separated by commas (500,30d,2gb)";
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        maxFiles.ifPresent(n -> text.append(n).append(" files"));
        maxAge.ifPresent(age -> text.append(text.isEmpty() ? "" : ", ").append(age.toHours() % 24 == 0 ? age.toDays() + " days" : age.toHours() + " hours"));
        maxTotalBytes.ifPresent(b -> text.append(text.isEmpty() ? "" : ", ").append(b >> 20).append(" MiB"));
        return text.toString();
    }
}
