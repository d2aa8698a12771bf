package dev.heartbeat.desktop;

import dev.heartbeat.desktop.view.Theme;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line, read once into an immutable record.
 *
 * @param server a server to connect to at once; empty shows the connect dialog
 * @param space  the space to view; empty uses the last one (default {@code lobby})
 * @param name   the display name; empty uses the last one
 * @param replay a recording to play instead of connecting
 * @param theme  dark or light; empty follows the system (or the last choice in the View menu)
 * @param export with {@code replay}: write a stretch of it to this .gif (or .png sequence) and quit, no window
 */
public record ViewerOptions(Optional<String> server, Optional<String> space, Optional<String> name,
        Optional<Path> replay, Optional<Theme> theme, Optional<Path> export, Export stretch) {

    public static final ViewerOptions NONE = new ViewerOptions(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Export.DEFAULT);

    /** The options of a window (no export). */
    public ViewerOptions(Optional<String> server, Optional<String> space, Optional<String> name, Optional<Path> replay,
            Optional<Theme> theme) {
        this(server, space, name, replay, theme, Optional.empty(), Export.DEFAULT);
    }

    /**
     * What {@code --export} writes: {@code from} and {@code to} as typed (seconds, {@code 1m30s} or
     * {@code 1:30}; empty: the start, and ten seconds on), frames per second, size in pixels.
     */
    public record Export(Optional<String> from, Optional<String> to, int fps, int width, int height) {
        public static final Export DEFAULT = new Export(Optional.empty(), Optional.empty(), 10, 640, 400);
    }

    /** Reads {@code args}; picocli's exceptions say what was wrong in words for the user. */
    public static ViewerOptions parse(List<String> args) {
        Arguments parsed = new Arguments();
        new CommandLine(parsed).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args.toArray(String[]::new));
        return parsed.toOptions();
    }

    /** A picocli command that knows the arguments, for usage and version text. */
    static CommandLine commandLine() {
        return new CommandLine(new Arguments()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Command(name = "heartbeat-desktop", mixinStandardHelpOptions = true,
            version = "Heartbeat desktop viewer 1.0",
            description = "Shows a Heartbeat space: one line per member; click or press Space to pulse yours.")
    static final class Arguments {
        @Option(names = "--server", paramLabel = "URL", description = "Server to connect to, like ws://localhost:8080. Without it a dialog asks.")
        String server;

        @Option(names = "--space", paramLabel = "NAME", description = "Space to view (default: the last one, else lobby).")
        String space;

        @Option(names = "--name", paramLabel = "NAME", description = "Your display name (default: the last one, else the server picks).")
        String name;

        @Option(names = "--replay", paramLabel = "FILE", description = "Play a recording (.hbrec or .hbrec.gz) instead of connecting.")
        Path replay;

        @Option(names = "--theme", paramLabel = "dark|light", description = "Colours (default: the system's, where it can be told).")
        Theme theme;

        @Option(names = "--export", paramLabel = "FILE", description = "With --replay: write a stretch as an animated GIF (.gif) or PNG frames (.png: FILE-0001.png, ...) and quit; needs no display.")
        Path export;

        @Option(names = "--from", paramLabel = "TIME", description = "Where the export starts: seconds (90, 2.5), 1m30s or 1:30 (default: the start).")
        String from;

        @Option(names = "--to", paramLabel = "TIME", description = "Where the export ends (default: 10 s after --from, or the recording's end).")
        String to;

        @Option(names = "--fps", paramLabel = "N", defaultValue = "10", description = "Frames per second of the export, 1 to 50 (default: ${DEFAULT-VALUE}).")
        int fps;

        @Option(names = "--size", paramLabel = "WxH", defaultValue = "640x400", description = "Size of the export in pixels (default: ${DEFAULT-VALUE}).")
        String size;

        ViewerOptions toOptions() {
            String[] wh = size.toLowerCase(java.util.Locale.ROOT).split("x");
            if (wh.length != 2) throw new IllegalArgumentException("--size is WIDTHxHEIGHT, like 640x400, not " + size);
            int width;
            int height;
            try {
                width = Integer.parseInt(wh[0].strip());
                height = Integer.parseInt(wh[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--size is WIDTHxHEIGHT, like 640x400, not " + size);
            }
            return new ViewerOptions(Optional.ofNullable(server).filter(s -> !s.isBlank()),
                    Optional.ofNullable(space).filter(s -> !s.isBlank()), Optional.ofNullable(name),
                    Optional.ofNullable(replay), Optional.ofNullable(theme), Optional.ofNullable(export),
                    new Export(Optional.ofNullable(from), Optional.ofNullable(to), fps, width, height));
        }
    }
}
