package dev.pureflow.interpreters.process;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a {@link Signal} to processes, in the order given. The JDK sends only TERM
 * ({@link ProcessHandle#destroy()}) and KILL ({@link ProcessHandle#destroyForcibly()}), and Java 21
 * has no final API to call {@code kill(2)}; the other signals go through the system's {@code kill}
 * program, one spawn per kill of a tree (it signals its arguments in order, so parents still go
 * first). Where no {@code kill} program can be started, TERM is sent instead and a warning logged.
 * Thread-safe.
 */
final class Signals {

    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private Signals() {}

    /** Sends {@code signal} to each of {@code processes}, in order; one that has ended is skipped. */
    static void send(Signal signal, List<ProcessHandle> processes) {
        if (processes.isEmpty()) {
            return;
        }
        switch (signal) {
            case TERM -> processes.forEach(ProcessHandle::destroy);
            case KILL -> processes.forEach(ProcessHandle::destroyForcibly);
            case HUP, INT, QUIT -> sendWithKillProgram(signal, processes);
        }
    }

    private static void sendWithKillProgram(Signal signal, List<ProcessHandle> processes) {
        List<String> argv = new ArrayList<>(List.of("kill", "-s", signal.name()));
        processes.forEach(process -> argv.add(Long.toString(process.pid())));
        Process kill;
        try {
            kill = new ProcessBuilder(argv)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD) // "no such process" for one that ended meanwhile
                    .redirectInput(ProcessBuilder.Redirect.INHERIT) // kill reads nothing: no pipe to close
                    .start();
        } catch (IOException noKillProgram) {
            LOG.warn("cannot start `kill` to send {}; sending TERM instead", signal, noKillProgram);
            processes.forEach(ProcessHandle::destroy);
            return;
        }
        // the signals are sent once kill has exited: the caller then waits for the processes to go
        Uninterruptible.run(kill::waitFor);
    }
}
