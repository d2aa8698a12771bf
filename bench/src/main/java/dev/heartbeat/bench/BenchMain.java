package dev.heartbeat.bench;

import dev.heartbeat.bench.run.Runs;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code heartbeat-bench}: a load generator that speaks only protocol v1, so it measures this
 * server or any other compliant one. Progress goes to stderr; each run ends with a table and one
 * JSON line on stdout.
 */
@Command(name = "heartbeat-bench", mixinStandardHelpOptions = true, version = "heartbeat-bench 1.0",
        description = "Load generator for Heartbeat servers (protocol v1). Targets this machine's loopback only.",
        subcommands = {CommandLine.HelpCommand.class})
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return commandLine(System.out, System.err);
    }

    /** The command line with every run as a subcommand, printing where it is told; tests drive it too. */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new BenchMain());
        Runs.addTo(cli, out, err);
        // bench/budget.sh passes the budget's options first and the user's after: the later one wins.
        cli.setOverwrittenOptionsAllowed(true);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli;
    }
}
