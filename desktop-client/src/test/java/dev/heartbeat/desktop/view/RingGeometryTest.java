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
    void aTracedRingFollowsTheWaveformAtEverySegment() {
        RingGeometry geometry = new RingGeometry(360);
        double[] xs = new double[360];
        double[] ys = new double[360];
        long serverTime = 1_763_750_123_456L;
        PulseMark pulse = new PulseMark(serverTime - 700, 0.8);
        geometry.trace(0.42, pulse, serverTime, 600, 900, xs, ys);
        for (int i = 0; i < 360; i++) {
            double angle = 2 * Math.PI * i / 360;
            double r = Waveform.radius(0.42, serverTime, angle, 700, 0.8) * 300;
            assertThat(xs[i]).isCloseTo(300 + r * Math.cos(angle), within(1e-9));
            assertThat(ys[i]).isCloseTo(450 + r * Math.sin(angle), within(1e-9));
        }
    }

    @Test
    void aLineThatNeverPulsedRestsOnItsBaseRadiusAwayFromItsMarker() {
        long serverTime = 0;
        // Marker of phase 0 at time 0 is at angle 0; the opposite side is at rest.
        double[] point = RingGeometry.point(0.0, serverTime, Math.PI, RingGeometry.msSince(null, serverTime), 0, 200, 200);
        assertThat(Math.hypot(point[0] - 100, point[1] - 100)).isCloseTo(0.45 * 100, within(1e-9));
    }
}
