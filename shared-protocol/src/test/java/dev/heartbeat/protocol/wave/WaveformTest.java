package dev.heartbeat.protocol.wave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartbeat.protocol.codec.GoldenMessages;
import org.junit.jupiter.api.Test;

class WaveformTest {
    @Test
    void matchesEveryGoldenVector() throws Exception {
        JsonNode golden = new ObjectMapper().readTree(GoldenMessages.read("/wave/golden-vectors.json"));
        double tolerance = golden.get("tolerance").asDouble();
        assertThat(golden.get("vectors").size()).isGreaterThan(100);
        for (JsonNode v : golden.get("vectors")) {
            double since = v.get("msSincePulse").isNull() ? Double.NaN : v.get("msSincePulse").asDouble();
            double radius = Waveform.radius(v.get("phase").asDouble(), v.get("serverTime").asLong(),
                    v.get("angle").asDouble(), since, v.get("strength").asDouble());
            assertThat(radius).as(v.toString()).isCloseTo(v.get("radius").asDouble(), within(tolerance));
        }
    }

    @Test
    void aPulseRaisesTheLineAtItsMarkerAndFades() {
        long now = 1_763_750_000_000L;
        double angleAtMarker = 2 * Math.PI * Waveform.marker(0.5, now);
        double rest = Waveform.radius(0.5, now, angleAtMarker, Double.NaN, 1);
        double fresh = Waveform.radius(0.5, now, angleAtMarker, 0, 1);
        double faded = Waveform.radius(0.5, now, angleAtMarker, 5_000, 1);
        assertThat(fresh).isGreaterThan(rest * 1.3);
        assertThat(faded).isEqualTo(rest);
    }

    @Test
    void theMarkerTurnsOnceAMinute() {
        assertThat(Waveform.marker(0.25, 0)).isEqualTo(0.25);
        assertThat(Waveform.marker(0.25, 30_000)).isEqualTo(0.75);
        assertThat(Waveform.marker(0.25, 60_000)).isEqualTo(0.25);
    }
}
