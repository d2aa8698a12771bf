package dev.heartbeat.bench.run;

import picocli.CommandLine;

/** The runs the command line offers. */
public final class Runs {
    private Runs() {}

    public static void addTo(CommandLine cli) {
        cli.addSubcommand(new IdleRun());
        cli.addSubcommand(new FanoutRun());
        cli.addSubcommand(new ChurnRun());
    }
}
