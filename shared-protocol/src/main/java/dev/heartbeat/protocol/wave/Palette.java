package dev.heartbeat.protocol.wave;

/**
 * The colours every viewer draws a space with, in its dark and its light look: the background, the
 * words, the density strip, and a member's line from its hue in HSL (waveform.md gives the shape,
 * this the colour). The web client's palette.js holds the same numbers; {@code wave/palette.json}
 * (test resources, written from this enum) is checked by both.
 */
public enum Palette {
    DARK("#0b0e14", "#e8ebf2", "#9aa3b5", "rgba(255, 90, 122, 0.75)", 85, 62, 23, 78, 12, 70),
    LIGHT("#f5f6fa", "#1b1f2a", "#5d6577", "rgba(214, 40, 84, 0.75)", 80, 42, -14, 34, -8, 60);

    private final String background;
    private final String text;
    private final String quiet;
    private final String densityBars;
    private final int saturation;
    private final int lineLightness;
    private final int lineGlow;
    private final int ownLightness;
    private final int ownGlow;
    private final int haloLightness;

    Palette(String background, String text, String quiet, String densityBars, int saturation, int lineLightness,
            int lineGlow, int ownLightness, int ownGlow, int haloLightness) {
        this.background = background;
        this.text = text;
        this.quiet = quiet;
        this.densityBars = densityBars;
        this.saturation = saturation;
        this.lineLightness = lineLightness;
        this.lineGlow = lineGlow;
        this.ownLightness = ownLightness;
        this.ownGlow = ownGlow;
        this.haloLightness = haloLightness;
    }

    /** CSS colours, {@code #rrggbb} or {@code rgba(…)}. */
    public String background() { return background; }

    public String text() { return text; }

    public String quiet() { return quiet; }

    public String densityBars() { return densityBars; }

    /** Of a member's line, in percent. */
    public int saturation() { return saturation; }

    /** Lightness (percent) of another member's line at rest, and what a pulse's glow (0..1) adds. */
    public int lineLightness() { return lineLightness; }

    public int lineGlow() { return lineGlow; }

    /** The same for the viewer's own (or the pointed-at) line, and its wide soft halo. */
    public int ownLightness() { return ownLightness; }

    public int ownGlow() { return ownGlow; }

    public int haloLightness() { return haloLightness; }

    /** Another member's line colour as {r, g, b} in 0..1, at {@code glow} 0..1. */
    public double[] lineRgb(int hue, double glow) {
        return hslToRgb(hue, saturation / 100.0, (lineLightness + lineGlow * glow) / 100.0);
    }

    /** The own line's colour as {r, g, b} in 0..1, at {@code glow} 0..1. */
    public double[] ownRgb(int hue, double glow) {
        return hslToRgb(hue, saturation / 100.0, (ownLightness + ownGlow * glow) / 100.0);
    }

    public double[] haloRgb(int hue) {
        return hslToRgb(hue, saturation / 100.0, haloLightness / 100.0);
    }

    /** CSS Color 4's HSL to RGB, as browsers convert {@code hsl()}: hue in degrees, the rest 0..1. */
    public static double[] hslToRgb(double hue, double saturation, double lightness) {
        double[] rgb = new double[3];
        int[] n = {0, 8, 4};
        double a = saturation * Math.min(lightness, 1 - lightness);
        for (int i = 0; i < 3; i++) {
            double k = (n[i] + hue / 30) % 12;
            rgb[i] = lightness - a * Math.max(-1, Math.min(Math.min(k - 3, 9 - k), 1));
        }
        return rgb;
    }
}
