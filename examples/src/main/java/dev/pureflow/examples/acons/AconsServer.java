package dev.pureflow.examples.acons;

import dev.pureflow.Clock;
import dev.pureflow.Runner;
import dev.pureflow.console.AllowedCommand;
import dev.pureflow.console.Console;
import dev.pureflow.console.ConsoleOptions;
import dev.pureflow.examples.astty.AsyncPing;
import dev.pureflow.interpreters.process.ProcessExecutor;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * acons' example server, done with pureflow's web console: a page on {@code 127.0.0.1} that starts
 * acons' tools from an allowlist, streams their output live and kills a job's whole tree on
 * cancel, and runs acons' {@link KillMidRun} flow with its steps shown as they happen and its
 * picture ({@link TimelinePictures}: the SVG timeline of pureflow-observability). Start it with
 *
 * <pre>
 * ./mvnw -q -pl examples -am test-compile exec:java -Dpureflow.example=dev.pureflow.examples.acons.AconsServer
 * </pre>
 *
 * and open the URL it prints (it holds the token). {@code -Dexec.args=8080} picks the port; Ctrl-C
 * stops it, and the JVM's exit kills the jobs still running.
 */
public final class AconsServer {

    private AconsServer() {}

    /**
     * The console's setup: the commands it may start, the flow it may run, the runner the flow
     * runs on (its process actions go to {@code processes}), and how a run's picture is drawn.
     */
    // README: console-options
    public static ConsoleOptions options(ProcessExecutor processes) {
        Objects.requireNonNull(processes, "processes");
        return ConsoleOptions.DEFAULT // 127.0.0.1, a free port, a fresh token
                .allowing(AllowedCommand.program("seq"), // `seq 1 5`: the typed words, verbatim, no shell
                        AllowedCommand.fixed("ticker", KillMidRun.ticker()), // the name alone runs this script
                        AllowedCommand.fixed("ping", AsyncPing.command(50)))
                .flow("kill-mid-run", () -> KillMidRun.flow("ticker-of-the-flow", KillMidRun.ticker()))
                .runner(Runner.of(KillMidRun.world(processes, Clock.system())))
                .picture(TimelinePictures.renderer()); // each run's SVG timeline, by pureflow-observability
    }
    // END README

    /** Starts the console, prints its URL with the token, and serves until the JVM exits. */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        try (ProcessExecutor processes = ProcessExecutor.create();
             Console console = Console.start(options(processes).port(port))) {
            System.out.println("acons console at " + console.url());
            System.out.println("Ctrl-C stops it");
            new CountDownLatch(1).await(); // until the JVM exits: its exit kills the jobs still running
        }
    }
}
