package dev.heartbeat.desktop;

import dev.heartbeat.desktop.connection.SpaceAddress;
import dev.heartbeat.protocol.message.SpaceName;
import java.util.List;
import javafx.application.Application;
import picocli.CommandLine;

/**
 * The jar's main class. It does not extend {@link Application}: that is what lets JavaFX start
 * from the class path of a plain (shaded) jar without a module path.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        CommandLine commandLine = ViewerOptions.commandLine();
        try {
            commandLine.parseArgs(args);
            if (commandLine.isUsageHelpRequested()) {
                commandLine.usage(System.out);
                return;
            }
            if (commandLine.isVersionHelpRequested()) {
                commandLine.printVersionHelp(System.out);
                return;
            }
            ViewerOptions options = ViewerOptions.parse(List.of(args));
            options.server().ifPresent(server -> SpaceAddress.parse(server,
                    options.space().orElse(SpaceName.DEFAULT), options.name().orElse("")));
            options.replay().ifPresent(file -> {
                if (!java.nio.file.Files.isReadable(file)) throw new IllegalArgumentException("cannot read recording " + file);
            });
            if (options.export().isPresent()) {
                int code = ExportCommand.run(options);
                javafx.application.Platform.exit();
                System.exit(code);
            }
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            commandLine.usage(System.err);
            System.exit(2);
        } catch (Exception e) {
            System.err.println("export failed: " + e);
            System.exit(1);
        }
        Application.launch(ViewerApp.class, args);
    }
}
