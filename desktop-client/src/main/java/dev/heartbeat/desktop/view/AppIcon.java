package dev.heartbeat.desktop.view;

import dev.heartbeat.desktop.state.PulseMark;
import java.util.List;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineJoin;

/** The window icon, drawn with the waveform itself: one ring at the instant of a pulse. */
public final class AppIcon {
    private static final int[] SIZES = {16, 32, 48, 64, 128, 256};

    private AppIcon() {}

    /** FX thread: the icon in the sizes window managers ask for. */
    public static List<Image> images() {
        return java.util.Arrays.stream(SIZES).mapToObj(AppIcon::draw).map(Image.class::cast).toList();
    }

    static javafx.scene.image.WritableImage draw(int size) {
        Canvas canvas = new Canvas(size, size);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.web("#0d1017"));
        double corner = size * 0.22;
        g.fillRoundRect(0, 0, size, size, corner, corner);
        RingGeometry geometry = new RingGeometry(size >= 64 ? 360 : 180);
        double[] xs = new double[geometry.segments()];
        double[] ys = new double[geometry.segments()];
        // Phase 0.9 fills the square; at server time 51 s its marker is at the top (0.75 turns), just after a pulse.
        long serverTime = 51_000;
        int points = geometry.trace(0.9, new PulseMark(serverTime - 120, 1.0), serverTime, size, size, xs, ys);
        for (int i = 0; i < points; i++) {
            xs[i] = size / 2.0 + (xs[i] - size / 2.0) * 0.78;
            ys[i] = size / 2.0 + (ys[i] - size / 2.0) * 0.78;
        }
        g.setLineJoin(StrokeLineJoin.ROUND);
        g.setStroke(Color.hsb(350, 0.7, 1.0));
        g.setLineWidth(Math.max(1.0, size / 20.0));
        g.strokePolygon(xs, ys, points);
        SnapshotParameters params = new SnapshotParameters();
        params.setFill(Color.TRANSPARENT);
        return canvas.snapshot(params, null);
    }
}
