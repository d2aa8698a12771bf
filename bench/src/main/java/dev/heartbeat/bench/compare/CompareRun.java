package dev.heartbeat.bench.compare;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code heartbeat-bench compare FILE}: the table of a side-by-side run, from the runs' JSON lines. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Reads the output of runs labelled SERVER/SCENARIO (--label) and prints one Markdown table: "
                + "each server's figures, this server's ratio to the peer, and the targets. Exit 0 when every target holds, 3 when not.")
public final class CompareRun implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Output of the runs (their JSON lines; other lines are skipped).")
    Path file;

    @Option(names = "--ours", defaultValue = "heartbeat", description = "This server's label (default: ${DEFAULT-VALUE}).")
    String ours;

    @Option(names = "--peer", defaultValue = "node-ws", description = "The peer ratios and targets refer to (default: ${DEFAULT-VALUE}).")
    String peer;

    private final PrintStream out;
    private final PrintStream err;

    public CompareRun(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        Table table = new Table(ours, peer);
        try {
            Files.readAllLines(file).forEach(table::add);
        } catch (IOException e) {
            err.println("heartbeat-bench compare: cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        if (table.isEmpty()) {
            err.println("heartbeat-bench compare: no labelled runs in " + file + " (give each run --label SERVER/SCENARIO)");
            return 1;
        }
        out.print(table.render());
        out.flush();
        return table.allTargetsMet() ? 0 : 3;
    }
}
