package dev.heartbeat.desktop.view;

import dev.heartbeat.desktop.state.PulseMark;
import dev.heartbeat.desktop.state.ReplayProgress;
import dev.heartbeat.desktop.state.ViewerEvent;
import dev.heartbeat.desktop.state.ViewerReducer;
import dev.heartbeat.desktop.state.ViewerState;
import dev.heartbeat.protocol.recording.RecordingHeader;
import dev.heartbeat.protocol.recording.Timeline;
import dev.heartbeat.protocol.recording.TimelineState;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javax.imageio.ImageIO;

/**
 * A stretch of a recording as pictures, drawn frame by frame by the window's renderer: an animated
 * GIF (javax.imageio's writer, no library) or a numbered PNG sequence. Runs on the FX thread (a
 * canvas snapshot needs it); headless under Monocle.
 *
 * @param from first frame, ms into the recording
 * @param to   end of the stretch (exclusive), ms
 * @param fps  frames per recorded second
 */
public record RecordingExport(long from, long to, int fps, int width, int height, Theme theme) {
    public static final int DEFAULT_FPS = 10;
    public static final int MAX_FPS = 50;
    public static final int DEFAULT_WIDTH = 640;
    public static final int DEFAULT_HEIGHT = 400;

    public RecordingExport {
        if (from < 0 || to <= from) throw new IllegalArgumentException("the stretch must end after it starts (from " + from + " to " + to + " ms)");
        if (fps < 1 || fps > MAX_FPS) throw new IllegalArgumentException("frames per second must be 1 to " + MAX_FPS);
        if (width < 16 || height < 16 || width > 4096 || height > 4096) throw new IllegalArgumentException("the size must be 16 to 4096 pixels a side");
    }

    /** Frames in the stretch: one every 1000/fps ms from {@code from}, before {@code to}. */
    public int frames() {
        return (int) Math.max(1, Math.ceil((to - from) * fps / 1000.0));
    }

    /** The recording time of frame {@code i}. */
    public long frameTime(int i) {
        return from + Math.round(i * 1000.0 / fps);
    }

    /**
     * Writes the stretch of {@code timeline} to {@code file}: {@code .gif} an animated GIF,
     * {@code .png} a sequence {@code name-0001.png}, {@code name-0002.png}, … Returns the files written.
     */
    public List<Path> write(Timeline timeline, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null) Files.createDirectories(folder);
        SpaceRenderer renderer = new SpaceRenderer(theme);
        Canvas canvas = new Canvas(width, height);
        if (name.endsWith(".gif")) {
            try (AnimatedGif gif = new AnimatedGif(file, Math.round(1000f / fps))) {
                for (int i = 0; i < frames(); i++) gif.add(frame(renderer, canvas, timeline, frameTime(i)));
            }
            return List.of(file);
        }
        if (!name.endsWith(".png")) throw new IllegalArgumentException("export to a .gif file or a .png sequence, not " + file.getFileName());
        String stem = file.getFileName().toString().substring(0, file.getFileName().toString().length() - 4);
        List<Path> written = new java.util.ArrayList<>();
        for (int i = 0; i < frames(); i++) {
            Path png = file.resolveSibling(String.format(Locale.ROOT, "%s-%04d.png", stem, i + 1));
            if (!ImageIO.write(frame(renderer, canvas, timeline, frameTime(i)), "png", png.toFile())) throw new IOException("no PNG writer");
            written.add(png);
        }
        return written;
    }

    private BufferedImage frame(SpaceRenderer renderer, Canvas canvas, Timeline timeline, long t) {
        renderer.render(canvas.getGraphicsContext2D(), stateAt(timeline, t), 0, width, height);
        BufferedImage argb = SwingFXUtils.fromFXImage(canvas.snapshot(new SnapshotParameters(), null), null);
        // GIF and PNG frames without alpha: the drawing is opaque anyway.
        BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(argb, 0, 0, null);
        return rgb;
    }

    /** What the player shows at {@code t}, paused there: the state the renderer draws at local time 0. */
    public static ViewerState stateAt(Timeline timeline, long t) {
        RecordingHeader header = timeline.header();
        long start = header.startedAt().toEpochMilli();
        TimelineState state = timeline.stateAt(t);
        Map<String, PulseMark> lastPulse = new HashMap<>();
        state.lastPulse().forEach((id, pulse) -> lastPulse.put(id, new PulseMark(start + pulse.t(), pulse.strength())));
        return ViewerReducer.reduceAll(ViewerState.INITIAL, List.of(
                new ViewerEvent.ReplayStarted("export", header.space(), header.capacity(), start + t, 0),
                new ViewerEvent.ReplayJumped(state.members(), state.waiting(), lastPulse, 0),
                new ViewerEvent.ReplayProgressed(new ReplayProgress(t, timeline.duration(), 1, false, false), start + t, 0)));
    }
}
