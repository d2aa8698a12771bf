package dev.heartbeat.desktop.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartbeat.desktop.state.PulseMark;
import dev.heartbeat.protocol.codec.GoldenMessages;
import dev.heartbeat.protocol.wave.Waveform;
import org.junit.jupiter.api.Test;

/** The renderer's geometry places every golden vector's point where waveform.md says. */
class RingGeometryTest {
    @Test
    void everyGoldenVectorLandsAtItsRadiusOnScreen() throws Exception {
        JsonNode golden = new ObjectMapper().readTree(GoldenMessages.read("/wave/golden-vectors.json"));
        double tolerance = golden.get("tolerance").asDouble();
        // A wide drawing: the unit is half the height, centred in the middle.
        double width = 1200;
        double height = 800;
        double scale = 400;
        int checked = 0;
        for (JsonNode v : golden.get("vectors")) {
            double since = v.get("msSincePulse").isNull() ? Double.NaN : v.get("msSincePulse").asDouble();
            double angle = v.get("angle").asDouble();
            double[] point = RingGeometry.point(v.get("phase").asDouble(), v.get("serverTime").asLong(), angle, since,
                    v.get("strength").asDouble(), width, height);
            double dx = point[0] - width / 2;
            double dy = point[1] - height / 2;
            double expected = v.get("radius").asDouble();
            assertThat(Math.hypot(dx, dy) / scale).as(v.toString()).isCloseTo(expected, within(tolerance));
            // Screen angle, y down: the point lies along (cos, sin) of the vector's angle.
            assertThat(dx).as(v.toString()).isCloseTo(expected * scale * Math.cos(angle), within(1e-6));
            assertThat(dy).as(v.toString()).isCloseTo(expected * scale * Math.sin(angle), within(1e-6));
            checked++;
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void everyTracedPointLiesOnTheWaveformInAngleOrder() {
        RingGeometry geometry = new RingGeometry(720);
        double[] xs = new double[720];
        double[] ys = new double[720];
        long serverTime = 1_763_750_123_456L;
        PulseMark pulse = new PulseMark(serverTime - 700, 0.8);
        int n = geometry.trace(0.42, pulse, serverTime, 600, 900, xs, ys);
        assertThat(n).isBetween(720 / RingGeometry.REST_STRIDE, 720);
        double previous = -1;
        for (int i = 0; i < n; i++) {
            double angle = Math.atan2(ys[i] - 450, xs[i] - 300);
            if (angle < 0) angle += 2 * Math.PI;
            assertThat(angle).isGreaterThan(previous);
            previous = angle;
            double r = Waveform.radius(0.42, serverTime, angle, 700, 0.8) * 300;
            assertThat(Math.hypot(xs[i] - 300, ys[i] - 450)).isCloseTo(r, within(1e-6));
        }
    }

    @Test
    void pointsLeftOutLieOnTheRestingCircleWithinAHundredthOfAPixel() {
        RingGeometry geometry = new RingGeometry(720);
        double[] xs = new double[720];
        double[] ys = new double[720];
        long serverTime = 1_763_750_123_456L;
        PulseMark pulse = new PulseMark(serverTime - 1_300, 1.0);
        int n = geometry.trace(0.9, pulse, serverTime, 1000, 1000, xs, ys);
        java.util.Set<Long> kept = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            double angle = Math.atan2(ys[i] - 500, xs[i] - 500);
            kept.add(Math.round((angle < 0 ? angle + 2 * Math.PI : angle) / (2 * Math.PI) * 720) % 720);
        }
        double rest = Waveform.baseRadius(0.9) * 500;
        for (int i = 0; i < 720; i++) {
            if (kept.contains((long) i)) continue;
            double r = Waveform.radius(0.9, serverTime, 2 * Math.PI * i / 720, 1_300, 1.0) * 500;
            assertThat(r).as("segment " + i).isCloseTo(rest, within(0.01));
        }
        assertThat(n).isLessThan(720);
    }

    @Test
    void aLineThatNeverPulsedRestsOnItsBaseRadiusAwayFromItsMarker() {
        long serverTime = 0;
        // Marker of phase 0 at time 0 is at angle 0; the opposite side is at rest.
        double[] point = RingGeometry.point(0.0, serverTime, Math.PI, RingGeometry.msSince(null, serverTime), 0, 200, 200);
        assertThat(Math.hypot(point[0] - 100, point[1] - 100)).isCloseTo(0.45 * 100, within(1e-9));
    }
}
