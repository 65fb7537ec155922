package dev.pureflow.examples.acons;

import dev.pureflow.Clock;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.process.ProcessExecutor;

/**
 * Runs acons' flow against a real process and prints what it saw, for example
 *
 * <pre>
 * started job ticker (pid 12345)
 * read while running: [tick 1]
 * killed: exit code 143, signal TERM
 * read after it ended: [tick 2, tick 3]
 * </pre>
 *
 * <p>How many ticks each read sees depends on the machine's timing. Start it with
 * {@code ./mvnw -q -pl examples -am test-compile exec:java -Dpureflow.example=dev.pureflow.examples.acons.AconsMain}.
 */
public final class AconsMain {

    private AconsMain() {}

    /** Runs the flow on the {@link KillMidRun#ticker()}; {@code args} are ignored. */
    public static void main(String[] args) {
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(KillMidRun.world(processes, Clock.system()));
            KillMidRun.Report report = runner.run(KillMidRun.flow("ticker", KillMidRun.ticker()));
            System.out.println("started job " + report.job().id() + " (pid " + report.job().pid() + ")");
            System.out.println("read while running: " + report.whileRunning());
            System.out.println("killed: exit code " + report.killed().exitCode()
                    + report.killed().signal().map(signal -> ", signal " + signal).orElse(""));
            System.out.println("read after it ended: " + report.afterEnd());
        }
    }
}
