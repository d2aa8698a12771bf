package dev.heartbeat.desktop.view;

import dev.heartbeat.desktop.state.PulseMark;
import dev.heartbeat.protocol.wave.Waveform;

/**
 * Turns a member's line into screen points with the shared {@link Waveform}, exactly as waveform.md
 * places them: {@code scale = min(w, h) / 2}, centre of the drawing, screen angle with y down.
 * Every point is computed by {@code Waveform.radius}; only where points are taken adapts: densely
 * (every half degree) where a heartbeat complex can be, sparsely (every {@value #REST_STRIDE}
 * steps) where the waveform is provably a circle, since a beat is below 1e-5 more than
 * {@value #COMPLEX_REACH} turns from its centre. The angles are fixed per instance so their
 * sines and cosines are computed once.
 */
public final class RingGeometry {
    /**
     * Points per line (default 720, half a degree): the R wave is 0.005 turns wide, so this puts
     * several points on every peak.
     */
    public static final int DEFAULT_SEGMENTS = 720;
    /** On the resting part of a ring only every this many segments is a point (3 degrees: under 0.15 px off a 400 px circle). */
    static final int REST_STRIDE = 6;
    /** How far (in turns) from its centre a beat shapes the line: the T wave ends by 0.06 + 4.6 x 0.016. */
    static final double COMPLEX_REACH = 0.135;

    private final int segments;
    private final double[] angles;
    private final double[] cos;
    private final double[] sin;

    public RingGeometry() {
        this(DEFAULT_SEGMENTS);
    }

    public RingGeometry(int segments) {
        if (segments < 8) throw new IllegalArgumentException("a ring needs at least 8 segments");
        this.segments = segments;
        this.angles = new double[segments];
        this.cos = new double[segments];
        this.sin = new double[segments];
        for (int i = 0; i < segments; i++) {
            angles[i] = 2 * Math.PI * i / segments;
            cos[i] = Math.cos(angles[i]);
            sin[i] = Math.sin(angles[i]);
        }
    }

    public int segments() {
        return segments;
    }

    /** Half the smaller side: the unit of every radius. */
    public static double scale(double width, double height) {
        return Math.min(width, height) / 2;
    }

    /** Milliseconds since the pulse for the waveform, NaN for a line that never pulsed. */
    public static double msSince(PulseMark pulse, long serverTime) {
        return pulse == null ? Double.NaN : pulse.msSince(serverTime);
    }

    /**
     * Fills {@code xs} and {@code ys} (at least {@link #segments()} long) with the closed line of a
     * member with {@code phase} and latest {@code pulse} (null: never pulsed) at {@code serverTime},
     * in angle order, and returns how many points it wrote.
     */
    public int trace(double phase, PulseMark pulse, long serverTime, double width, double height, double[] xs, double[] ys) {
        double cx = width / 2;
        double cy = height / 2;
        double scale = scale(width, height);
        double since = msSince(pulse, serverTime);
        double strength = pulse == null ? 0 : pulse.strength();
        double marker = Waveform.marker(phase, serverTime);
        boolean travelling = Waveform.envelope(since, strength) > 0;
        double travelled = travelling ? since * Waveform.TRAVEL_TURNS_PER_MS : 0;
        int n = 0;
        for (int i = 0; i < segments; i++) {
            if (i % REST_STRIDE != 0) {
                double u = Waveform.wrap((double) i / segments - marker);
                boolean shaped = Math.abs(u) < COMPLEX_REACH || travelling
                        && (Math.abs(Waveform.wrap(u - travelled)) < COMPLEX_REACH || Math.abs(Waveform.wrap(u + travelled)) < COMPLEX_REACH);
                if (!shaped) continue;
            }
            double r = Waveform.radius(phase, serverTime, angles[i], since, strength) * scale;
            xs[n] = cx + r * cos[i];
            ys[n] = cy + r * sin[i];
            n++;
        }
        return n;
    }

    /** One point of a line at {@code angle}: {@code {x, y}} on a drawing of the given size. */
    public static double[] point(double phase, long serverTime, double angle, double msSincePulse, double strength,
            double width, double height) {
        double r = Waveform.radius(phase, serverTime, angle, msSincePulse, strength) * scale(width, height);
        return new double[] {width / 2 + r * Math.cos(angle), height / 2 + r * Math.sin(angle)};
    }

    /** Where the line's heartbeat marker is drawn, {@code {x, y}}: the spot a pulse starts from. */
    public static double[] markerPoint(double phase, PulseMark pulse, long serverTime, double width, double height) {
        double angle = 2 * Math.PI * Waveform.marker(phase, serverTime);
        return point(phase, serverTime, angle, msSince(pulse, serverTime), pulse == null ? 0 : pulse.strength(), width, height);
    }
}
