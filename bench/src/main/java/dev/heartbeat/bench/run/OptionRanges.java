package dev.heartbeat.bench.run;

/** Range checks for options: every loop of a run is bounded by what these allow. */
final class OptionRanges {
    private OptionRanges() {}

    static void range(String option, double value, double min, double max) {
        if (Double.isNaN(value) || value < min || value > max) {
            throw new IllegalArgumentException(option + " must be " + format(min) + " to " + format(max) + ", not " + format(value));
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
