package dev.heartbeat.desktop.view;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The system's dark or light preference, where it can be told. JavaFX 22 added
 * {@code Platform.getPreferences()}; on 21 this asks the desktop instead (GTK/GNOME settings, the
 * macOS defaults, the Windows registry) and falls back to dark, the drawing's natural look. The
 * View menu toggles it either way.
 */
public final class SystemTheme {
    private static final long ASK_TIMEOUT_MS = 800;

    private SystemTheme() {}

    public static Theme detect() {
        return fromJavaFx().or(SystemTheme::fromDesktop).orElse(Theme.DARK);
    }

    /** JavaFX 22+ knows the colour scheme; read it by reflection so 21 still compiles and runs. */
    static Optional<Theme> fromJavaFx() {
        try {
            Object preferences = Class.forName("javafx.application.Platform").getMethod("getPreferences").invoke(null);
            Object scheme = preferences.getClass().getMethod("getColorScheme").invoke(preferences);
            return Optional.of("DARK".equals(String.valueOf(scheme)) ? Theme.DARK : Theme.LIGHT);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError notThere) {
            return Optional.empty();
        }
    }

    static Optional<Theme> fromDesktop() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            // "Dark" when dark; the key is absent (exit status 1) in light mode.
            return ask("defaults", "read", "-g", "AppleInterfaceStyle")
                    .map(out -> out.contains("Dark") ? Theme.DARK : Theme.LIGHT)
                    .or(() -> Optional.of(Theme.LIGHT));
        }
        if (os.contains("win")) {
            return ask("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                    "/v", "AppsUseLightTheme")
                    .map(out -> out.contains("0x0") ? Theme.DARK : Theme.LIGHT);
        }
        return fromGtk();
    }

    static Optional<Theme> fromGtk() {
        String gtkTheme = System.getenv("GTK_THEME");
        if (gtkTheme != null && !gtkTheme.isBlank()) return Optional.of(fromThemeName(gtkTheme));
        Optional<Theme> scheme = ask("gsettings", "get", "org.gnome.desktop.interface", "color-scheme")
                .filter(out -> out.contains("dark") || out.contains("light"))
                .map(out -> out.contains("dark") ? Theme.DARK : Theme.LIGHT);
        if (scheme.isPresent()) return scheme;
        return ask("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme")
                .filter(out -> !out.isBlank())
                .map(SystemTheme::fromThemeName);
    }

    static Theme fromThemeName(String name) {
        return name.toLowerCase(Locale.ROOT).contains("dark") ? Theme.DARK : Theme.LIGHT;
    }

    /** Runs a short command and returns its output, or empty when it is missing, fails or hangs. */
    private static Optional<String> ask(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(ASK_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            if (process.exitValue() != 0) return Optional.empty();
            try (InputStream out = process.getInputStream()) {
                return Optional.of(new String(out.readAllBytes(), StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
