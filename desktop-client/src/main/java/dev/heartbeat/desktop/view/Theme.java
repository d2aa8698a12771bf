package dev.heartbeat.desktop.view;

import javafx.scene.paint.Color;

/** The two looks of the viewer; the canvas and the stylesheet follow the same one. */
public enum Theme {
    DARK(Color.web("#0d1017"), Color.web("#e8ebf2"), Color.web("#8a93a6"), 0.62, 0.98, "dark"),
    LIGHT(Color.web("#f5f6fa"), Color.web("#1b1f2a"), Color.web("#5d6577"), 0.80, 0.78, "light");

    private final Color background;
    private final Color text;
    private final Color quietText;
    private final double saturation;
    private final double brightness;
    private final String styleClass;

    Theme(Color background, Color text, Color quietText, double saturation, double brightness, String styleClass) {
        this.background = background;
        this.text = text;
        this.quietText = quietText;
        this.saturation = saturation;
        this.brightness = brightness;
        this.styleClass = styleClass;
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

    /** A member's colour: its hue (0..359) through HSB, tuned to read well on this background. */
    public Color lineColor(int hue) {
        return Color.hsb(hue, saturation, brightness);
    }

    /** The style class set on the scene's root; {@code viewer.css} styles both. */
    public String styleClass() {
        return styleClass;
    }

    public Theme other() {
        return this == DARK ? LIGHT : DARK;
    }
}
