package dev.heartbeat.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.PropertiesDefaultProvider;
import picocli.CommandLine.Unmatched;

/**
 * {@code --config FILE}: a properties file of option defaults, keyed by the long option without its
 * dashes ({@code batch-ms=0}), read by picocli's {@link PropertiesDefaultProvider}. Options and
 * {@code HEARTBEAT_…} variables win over it. A key that names no option is refused: a typo in a
 * file would otherwise be silently ignored, as picocli's provider does.
 */
final class ConfigFile {
    static final String OPTION = "--config";

    /** Only {@code --config}, to find the file before the real parse, which needs its defaults first. */
    @Command
    static final class Locator {
        @Option(names = OPTION)
        Path file;

        @Unmatched
        List<String> everythingElse;
    }

    private ConfigFile() {}

    /** The file named by {@code --config FILE} or {@code HEARTBEAT_CONFIG}, if any. */
    static Optional<Path> locate(String[] args, Map<String, String> environment) {
        Locator locator = new Locator();
        new CommandLine(locator).setDefaultValueProvider(new EnvironmentDefaults(environment)).parseArgs(args);
        return Optional.ofNullable(locator.file);
    }

    /** @throws IllegalArgumentException with a one-line reason when the file cannot be used */
    static PropertiesDefaultProvider read(Path file, CommandSpec spec) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("the config file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the config file " + file + ": " + e.getMessage());
        }
        Set<String> known = spec.options().stream().map(OptionSpec::longestName).map(name -> name.replaceFirst("^--", ""))
                .collect(Collectors.toSet());
        known.removeAll(Set.of("help", "version", OPTION.substring(2)));
        Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("the config file " + file + " has keys that name no option: "
                    + String.join(", ", unknown) + " (keys are long options without the dashes, e.g. batch-ms=16)");
        }
        return new PropertiesDefaultProvider(properties);
    }
}
