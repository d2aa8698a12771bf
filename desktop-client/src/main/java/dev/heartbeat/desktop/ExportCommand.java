package dev.heartbeat.desktop;

import dev.heartbeat.desktop.view.RecordingExport;
import dev.heartbeat.desktop.view.SystemTheme;
import dev.heartbeat.desktop.view.Theme;
import dev.heartbeat.protocol.recording.Timeline;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.application.Platform;

/**
 * {@code --replay FILE --export OUT --from --to}: a stretch of a recording written as an animated
 * GIF or PNG frames, without a window. Where there is no display it runs JavaFX headless (Monocle
 * and the software renderer), so it works on a server or in CI.
 */
final class ExportCommand {
    private static final Pattern HMS = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+(?:\\.\\d+)?)s)?");
    private static final Pattern CLOCK = Pattern.compile("(?:(\\d+):)?(\\d+):(\\d+(?:\\.\\d+)?)");
    private static final long DEFAULT_LENGTH_MS = 10_000;
    private static final long WAIT_MINUTES = 30;

    private ExportCommand() {}

    /** Writes the export and says so on stdout; returns the exit code. */
    static int run(ViewerOptions options) throws Exception {
        Path out = options.export().orElseThrow();
        Path file = options.replay().orElseThrow(() -> new IllegalArgumentException("--export needs --replay FILE: the recording to export from"));
        ViewerOptions.Export stretch = options.stretch();
        Timeline timeline = Timeline.load(file);
        long from = stretch.from().map(ExportCommand::millis).orElse(0L);
        long to = stretch.to().map(ExportCommand::millis).orElse(Math.max(from + 1, Math.min(timeline.duration(), from + DEFAULT_LENGTH_MS)));
        Theme theme = options.theme().orElseGet(SystemTheme::detect);
        RecordingExport export = new RecordingExport(from, to, stretch.fps(), stretch.width(), stretch.height(), theme);

        headlessWithoutDisplay();
        CompletableFuture<List<Path>> written = new CompletableFuture<>();
        onFxThread(() -> {
            try {
                written.complete(export.write(timeline, out));
            } catch (Exception | Error e) {
                written.completeExceptionally(e);
            }
        });
        List<Path> files = written.get(WAIT_MINUTES, TimeUnit.MINUTES);
        System.out.printf(Locale.ROOT, "wrote %d frames (%s to %s, %d a second) to %s%n", export.frames(), clock(from), clock(to),
                stretch.fps(), files.size() == 1 ? files.get(0) : files.get(0).getParent());
        return 0;
    }

    /** {@code 90}, {@code 2.5} (seconds), {@code 1m30s}, {@code 1:30} or {@code 1:02:03} to ms. */
    static long millis(String typed) {
        String text = typed.strip().toLowerCase(Locale.ROOT);
        try {
            if (text.matches("\\d+(\\.\\d+)?")) return Math.round(Double.parseDouble(text) * 1000);
            Matcher clock = CLOCK.matcher(text);
            if (clock.matches()) {
                long hours = clock.group(1) == null ? 0 : Long.parseLong(clock.group(1));
                return Math.round(((hours * 60 + Long.parseLong(clock.group(2))) * 60 + Double.parseDouble(clock.group(3))) * 1000);
            }
            Matcher hms = HMS.matcher(text);
            if (!text.isEmpty() && hms.matches()) {
                long hours = hms.group(1) == null ? 0 : Long.parseLong(hms.group(1));
                long minutes = hms.group(2) == null ? 0 : Long.parseLong(hms.group(2));
                double seconds = hms.group(3) == null ? 0 : Double.parseDouble(hms.group(3));
                return Math.round(((hours * 60 + minutes) * 60 + seconds) * 1000);
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("not a time: '" + typed + "' (use seconds like 90 or 2.5, 1m30s, or 1:30)");
    }

    /** No display (a server, CI): JavaFX draws with Monocle's headless screen and the software renderer. */
    private static void headlessWithoutDisplay() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        boolean hasDisplay = os.contains("win") || os.contains("mac") || System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
        if (hasDisplay || System.getProperty("glass.platform") != null) return;
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("java.awt.headless", "true");
    }

    private static void onFxThread(Runnable task) {
        try {
            Platform.startup(task);
            Platform.setImplicitExit(false);
        } catch (IllegalStateException alreadyRunning) {
            Platform.runLater(task);
        }
    }

    private static String clock(long ms) {
        return String.format(Locale.ROOT, "%d:%02d.%03d", ms / 60_000, ms / 1000 % 60, ms % 1000);
    }
}
