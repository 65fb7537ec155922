package dev.pureflow.interpreters.process;

import dev.pureflow.Program;
import dev.pureflow.Runner;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;

/**
 * The child JVM of {@link ExitHookTest}: starts a job that the JVM's exit should end (a shell with
 * a background and a foreground {@code sleep}) and one kept alive, prints their pids, and then,
 * once the test writes a line to its stdin, exits with {@code System.exit(0)} ({@code exit}) or
 * waits to be signalled ({@code wait}). Its executor is never closed: only the exit hook can end
 * the jobs.
 */
final class ExitHookChild {

    private ExitHookChild() {}

    /**
     * {@code args}: {@code exit} or {@code wait}. The sleep durations of the doomed and the kept job
     * come in the environment ({@code DOOMED_SLEEP}, {@code KEPT_SLEEP}), not as arguments, so that
     * this JVM's own command line does not carry them and the test finds only the jobs by them.
     */
    public static void main(String[] args) throws Exception {
        String how = args[0];
        String doomedSleep = System.getenv("DOOMED_SLEEP");
        String keptSleep = System.getenv("KEPT_SLEEP");
        ProcessExecutor processes = ProcessExecutor.create();
        Runner runner = Runner.of(processes);
        Job doomed = runner.run(Program.perform(ProcessAction.start("doomed",
                Command.shell("sleep " + doomedSleep + " & sleep " + doomedSleep + "; :"))));
        Job kept = runner.run(Program.perform(ProcessAction.start("kept", Command.of("sleep", keptSleep).keepAliveOnExit())));
        System.out.println("doomed " + doomed.pid());
        System.out.println("kept " + kept.pid());
        System.out.println("ready");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine(); // the test saw the jobs run
        if (how.equals("exit")) {
            System.exit(0);
        }
        while (true) {
            LockSupport.park(); // until a signal ends the JVM
        }
    }
}
