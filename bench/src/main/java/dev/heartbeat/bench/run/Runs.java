package dev.heartbeat.bench.run;

import dev.heartbeat.bench.compare.CompareRun;
import java.io.PrintStream;
import picocli.CommandLine;

/** The runs the command line offers. */
public final class Runs {
    private Runs() {}

    /** Adds every run; results go to {@code out}, progress and problems to {@code err}. */
    public static void addTo(CommandLine cli, PrintStream out, PrintStream err) {
        for (LoadRun run : new LoadRun[] {new IdleRun(), new FanoutRun(), new ChurnRun()}) {
            run.out = out;
            run.err = err;
            cli.addSubcommand(run);
        }
        cli.addSubcommand(new CompareRun(out, err));
    }
}
