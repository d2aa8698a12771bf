package dev.heartbeat.server.config;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --batch-ms} falls back to {@code HEARTBEAT_BATCH_MS}, and so on for every option; without
 * a variable, to the next provider (the {@code --config} file), and then to the option's default.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
    private final Map<String, String> environment;
    private final IDefaultValueProvider next;

    public EnvironmentDefaults() {
        this(System.getenv());
    }

    EnvironmentDefaults(Map<String, String> environment) {
        this(environment, argSpec -> null);
    }

    /** @param next asked when no variable is set; null from it means the option's own default */
    EnvironmentDefaults(Map<String, String> environment, IDefaultValueProvider next) {
        this.environment = environment;
        this.next = next;
    }

    public static String variableFor(String longOption) {
        return "HEARTBEAT_" + longOption.replaceFirst("^--", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(ArgSpec argSpec) throws Exception {
        if (argSpec instanceof OptionSpec option) {
            String value = environment.get(variableFor(option.longestName()));
            if (value != null && !value.isBlank()) return value;
        }
        return next.defaultValue(argSpec);
    }
}
