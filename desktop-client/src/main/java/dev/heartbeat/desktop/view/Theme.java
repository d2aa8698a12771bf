package dev.heartbeat.desktop.view;

import dev.heartbeat.protocol.wave.Palette;
import javafx.scene.paint.Color;

/**
 * The two looks of the viewer; the canvas and the stylesheet follow the same one. The colours are
 * shared-protocol's {@link Palette}, the web client's too, so both draw one picture.
 */
public enum Theme {
    DARK(Palette.DARK, "dark"),
    LIGHT(Palette.LIGHT, "light");

    private final Palette palette;
    private final Color background;
    private final Color text;
    private final Color quietText;
    private final Color densityBars;
    private final String styleClass;

    Theme(Palette palette, String styleClass) {
        this.palette = palette;
        this.background = Color.web(palette.background());
        this.text = Color.web(palette.text());
        this.quietText = Color.web(palette.quiet());
        this.densityBars = Color.web(palette.densityBars());
        this.styleClass = styleClass;
    }

    public Palette palette() {
        return palette;
    }

    public Color background() {
        return background;
    }

    public Color text() {
        return text;
    }

    public Color quietText() {
        return quietText;
    }

    /** The bars of a seek bar's density strip. */
    public Color densityBars() {
        return densityBars;
    }

    /** Another member's line at rest: its hue (0..359) through the palette's HSL. */
    public Color lineColor(int hue) {
        return lineColor(hue, 0);
    }

    /** Another member's line while a pulse glows ({@code glow} 0..1). */
    public Color lineColor(int hue, double glow) {
        return rgb(palette.lineRgb(hue, glow), 1);
    }

    /** The viewer's own line. */
    public Color ownColor(int hue, double glow) {
        return rgb(palette.ownRgb(hue, glow), 1);
    }

    /** The soft wide halo under the viewer's own line. */
    public Color haloColor(int hue, double opacity) {
        return rgb(palette.haloRgb(hue), opacity);
    }

    /** The style class set on the scene's root; {@code viewer.css} styles both. */
    public String styleClass() {
        return styleClass;
    }

    public Theme other() {
        return this == DARK ? LIGHT : DARK;
    }

    private static Color rgb(double[] rgb, double opacity) {
        return new Color(clamp(rgb[0]), clamp(rgb[1]), clamp(rgb[2]), opacity);
    }

    private static double clamp(double v) {
        return Math.min(1, Math.max(0, v));
    }
}
