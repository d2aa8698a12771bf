package dev.heartbeat.desktop.view;

import dev.heartbeat.desktop.state.ViewerState;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** PNG snapshots of the drawing, made by the same renderer as the window. */
public final class Snapshots {
    private Snapshots() {}

    /** FX thread: draws {@code state} at {@code localTime} on a fresh canvas of the given size. */
    public static WritableImage render(SpaceRenderer renderer, ViewerState state, long localTime, int width, int height) {
        Canvas canvas = new Canvas(width, height);
        renderer.render(canvas.getGraphicsContext2D(), state, localTime, width, height);
        return canvas.snapshot(new SnapshotParameters(), null);
    }

    /** Writes {@code image} as PNG to {@code file}, creating its folder. */
    public static void writePng(WritableImage image, Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null) Files.createDirectories(folder);
        BufferedImage pixels = SwingFXUtils.fromFXImage(image, null);
        if (!ImageIO.write(pixels, "png", file.toFile())) throw new IOException("no PNG writer available");
    }
}
