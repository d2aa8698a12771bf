package dev.heartbeat.protocol.wave;

/**
 * The heartbeat line's shape, specified in {@code shared-protocol/waveform.md} and mirrored by the
 * web client's {@code wave.js}; both are checked against the same golden vectors so every viewer
 * draws the same picture at the same instant.
 */
public final class Waveform {
    public static final long ROTATION_PERIOD_MS = 60_000;
    public static final double PULSE_DECAY_MS = 900;
    public static final double PULSE_DURATION_MS = 4_000;
    public static final double TRAVEL_TURNS_PER_MS = 0.25 / 1_000;
    public static final double IDLE_AMPLITUDE = 0.03;
    public static final double PULSE_AMPLITUDE = 0.22;

    // One P-QRS-T complex as Gaussians: amplitude, centre and width in turns.
    private static final double[][] COMPLEX = {
        {0.12, -0.050, 0.010},
        {-0.15, -0.012, 0.004},
        {1.00, 0.000, 0.005},
        {-0.30, 0.012, 0.005},
        {0.25, 0.060, 0.016},
    };

    private Waveform() {}

    /** The ring's resting radius, in units of half the smaller side of the drawing. */
    public static double baseRadius(double phase) {
        return 0.45 + 0.4 * phase;
    }

    /** Where the line's heartbeat marker sits at server time {@code serverTimeMs}, in turns. */
    public static double marker(double phase, long serverTimeMs) {
        return phase + (double) Math.floorMod(serverTimeMs, ROTATION_PERIOD_MS) / ROTATION_PERIOD_MS;
    }

    /** One heartbeat complex at {@code turns} from its centre (peak 1 at 0). */
    public static double beat(double turns) {
        double sum = 0;
        for (double[] wave : COMPLEX) {
            double z = (turns - wave[1]) / wave[2];
            sum += wave[0] * Math.exp(-0.5 * z * z);
        }
        return sum;
    }

    /** {@code turns} folded into [-0.5, 0.5). */
    public static double wrap(double turns) {
        return turns - Math.floor(turns + 0.5);
    }

    /** How strongly a pulse still shows {@code msSincePulse} after it; 0 once it has faded. */
    public static double envelope(double msSincePulse, double strength) {
        if (!(msSincePulse >= 0 && msSincePulse < PULSE_DURATION_MS)) return 0;
        return strength * Math.exp(-msSincePulse / PULSE_DECAY_MS);
    }

    /**
     * The line's radius at {@code angleRadians} (screen angle, y down), in units of half the smaller
     * side of the drawing.
     *
     * @param msSincePulse time since the member's last pulse, or NaN when it has not pulsed
     */
    public static double radius(double phase, long serverTimeMs, double angleRadians, double msSincePulse, double strength) {
        double u = wrap(angleRadians / (2 * Math.PI) - marker(phase, serverTimeMs));
        double shape = IDLE_AMPLITUDE * beat(u);
        double envelope = envelope(msSincePulse, strength);
        if (envelope > 0) {
            double travelled = msSincePulse * TRAVEL_TURNS_PER_MS;
            shape += PULSE_AMPLITUDE * envelope * (beat(wrap(u - travelled)) + beat(wrap(u + travelled)));
        }
        return baseRadius(phase) * (1 + shape);
    }
}
