package dev.heartbeat.protocol.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heartbeat.protocol.wave.Palette;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** {@code wave/palette.json}: both looks' colours, for palette.js to match, and lines at a few hues. */
class PaletteGoldenTest {
    @Test
    void theGoldenFileHoldsBothLooks() throws Exception {
        ObjectNode golden = Goldens.json().createObjectNode();
        for (Palette p : Palette.values()) {
            ObjectNode look = golden.putObject(p.name().toLowerCase(Locale.ROOT));
            look.put("background", p.background()).put("text", p.text()).put("quiet", p.quiet())
                    .put("densityBars", p.densityBars()).put("saturation", p.saturation())
                    .put("lineLightness", p.lineLightness()).put("lineGlow", p.lineGlow())
                    .put("ownLightness", p.ownLightness()).put("ownGlow", p.ownGlow())
                    .put("haloLightness", p.haloLightness());
        }
        Goldens.check("wave/palette.json", golden);
    }

    @Test
    void hslToRgbIsTheBrowsersConversion() {
        // hsl(212, 85%, 62%) is rgb(76, 152, 240) in a browser; pure hues at 50% are the primaries.
        double[] blue = Palette.hslToRgb(212, 0.85, 0.62);
        assertThat(blue[0] * 255).isCloseTo(75.7, within(0.6));
        assertThat(blue[1] * 255).isCloseTo(152.1, within(0.6));
        assertThat(blue[2] * 255).isCloseTo(240.0, within(0.6));
        assertThat(Palette.hslToRgb(0, 1, 0.5)).containsExactly(1, 0, 0);
        assertThat(Palette.hslToRgb(120, 1, 0.5)).containsExactly(0, 1, 0);
    }
}
