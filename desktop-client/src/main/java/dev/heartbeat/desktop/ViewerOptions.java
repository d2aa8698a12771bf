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
 */
public record ViewerOptions(Optional<String> server, Optional<String> space, Optional<String> name,
        Optional<Path> replay, Optional<Theme> theme) {

    public static final ViewerOptions NONE = new ViewerOptions(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

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

        ViewerOptions toOptions() {
            return new ViewerOptions(Optional.ofNullable(server).filter(s -> !s.isBlank()),
                    Optional.ofNullable(space).filter(s -> !s.isBlank()), Optional.ofNullable(name),
                    Optional.ofNullable(replay), Optional.ofNullable(theme));
        }
    }
}
