package dev.pureflow.interpreters.process;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Program;
import dev.pureflow.Runner;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a command leaves behind when it exits: background children, whether they hold its output
 * or not, are given the drain grace and then killed, the same way every time, however the race
 * between the JDK's process reaper and the executor's pipe readers went.
 */
class ProcessLeftoversTest {

    @TempDir
    Path directory;

    /**
     * The case: the shell exits at once, leaving a sleep on its stdout. Before, the JDK's
     * reaper closed the pipe before the reader's first read in 1 run of 4 to 1 of 20: the call
     * returned at once and the sleep survived. 1,000 runs, 40 at a time: each waits the drain grace
     * (half a second), so about 12 s of waiting whatever the machine, plus 2,000 spawns: tagged
     * {@code stress}, out of the mutation profile's runs (the ordinary build runs it).
     */
    @Test
    @Tag("stress")
    @Timeout(600) // a hang detector: ~25 s here
    void a_background_child_holding_stdout_is_killed_after_the_drain_grace_in_every_one_of_1000_runs() {
        int runs = 1000;
        List<String> tokens = IntStream.range(0, runs).mapToObj(i -> ProcWatch.uniqueSleep()).toList();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes.with(parallelize(40)));

            var outcomes = runner.run(Program.parTraverse(IntStream.range(0, runs).boxed().toList(),
                    i -> Program.perform(ProcessAction.run(Command.shell("sleep " + tokens.get(i) + " & echo $!")))
                            .map(result -> new Outcome(result, runsStill(childPid(result), tokens.get(i))))));

            assertThat(outcomes).hasSize(runs);
            for (int i = 0; i < runs; i++) {
                Outcome outcome = outcomes.get(i);
                assertThat(outcome.childRunning()).as("the background sleep of run %d survived its run", i).isFalse();
                assertThat(outcome.result().exitCode()).as("exit code of run %d", i).isZero();
                assertThat(outcome.result().signal()).as("the shell of run %d exited by itself", i).isEmpty();
                assertThat(outcome.result().timedOut()).isFalse();
                assertThat(outcome.result().stdoutText()).as("stdout of run %d", i).matches("[0-9]+\n");
                assertThat(outcome.result().duration()).as("run %d waited the drain grace", i)
                        .isGreaterThanOrEqualTo(RunningProcess.DRAIN_GRACE);
            }
        } finally {
            killAnyCarrying(Set.copyOf(tokens));
        }
    }

    private record Outcome(ProcessResult result, boolean childRunning) {}

    @Test
    void a_line_a_background_child_prints_after_the_command_exited_is_kept() throws Exception {
        // The reader is made to be between two reads when the shell exits: the listener holds it up
        // until the shell has been reaped. Before, the JDK's reaper closed the pipe right then, and
        // the child's later line was lost; now the reader keeps the pipe until every writer closed it.
        Path release = ProcWatch.fifo(directory.resolve("release"));
        Path speak = ProcWatch.fifo(directory.resolve("speak"));
        Command command = Command.of("sh", "-c", "(read _ < \"$2\"; echo late) & echo early; read _ < \"$1\"",
                "sh", release.toString(), speak.toString());
        AtomicLong shell = new AtomicLong();
        ProcessListener holdingUpTheReader = new ProcessListener() {
            @Override
            public void started(long pid) {
                shell.set(pid);
            }

            @Override
            public void line(OutputLine line) {
                if (line.text().equals("early")) {
                    writeLine(release); // the shell exits
                    ProcWatch.eventually("the shell to be reaped", () -> ProcessHandle.of(shell.get()).map(ProcessHandle::isAlive), alive -> !alive.orElse(false));
                    writeLine(speak); // the child prints its line
                }
            }
        };
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            ProcessResult result = Runner.of(processes).run(Program.perform(ProcessAction.run(command, holdingUpTheReader)));

            assertThat(result.stdoutLines()).containsExactly("early", "late");
            assertThat(result.exitCode()).isZero();
        }
    }

    @Test
    void a_background_child_that_redirected_its_output_is_killed_after_the_drain_grace_too() {
        String sleep = ProcWatch.uniqueSleep();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            ProcessResult result = Runner.of(processes).run(Program.perform(ProcessAction.run(
                    Command.shell("nohup sleep " + sleep + " >/dev/null 2>&1 & echo $!"))));

            assertThat(runsStill(childPid(result), sleep)).isFalse();
            assertThat(ProcWatch.processesCarrying(sleep)).isEmpty();
            assertThat(result.exitCode()).isZero();
            assertThat(result.duration()).isGreaterThanOrEqualTo(RunningProcess.DRAIN_GRACE);
        } finally {
            ProcWatch.processesCarrying(sleep).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void a_daemon_that_drops_the_marker_and_leaves_the_session_outlives_the_run() {
        // the documented way out for a process meant to outlive its command
        String sleep = ProcWatch.uniqueSleep();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            ProcessResult result = Runner.of(processes).run(Program.perform(ProcessAction.run(Command.shell(
                    "(env -u " + ProcessTree.MARKER + " setsid sleep " + sleep + " >/dev/null 2>&1 </dev/null &); echo started"))));

            assertThat(result.stdoutText()).isEqualTo("started\n");
            assertThat(ProcWatch.eventually("the daemon to run", () -> ProcWatch.processesCarrying(sleep), pids -> pids.size() == 1)).hasSize(1);
        } finally {
            ProcWatch.processesCarrying(sleep).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    /** Whatever a command starts in the background, and however it treats its output, nothing of it runs once the call has returned. */
    @Property(tries = 12)
    void nothing_a_command_starts_runs_after_its_run_returns(@ForAll @IntRange(min = 0, max = 3) int holders,
                                                             @ForAll @IntRange(min = 0, max = 3) int detached) {
        String sleep = ProcWatch.uniqueSleep();
        String script = ("sleep " + sleep + " & ").repeat(holders) + ("sleep " + sleep + " >/dev/null 2>&1 </dev/null & ").repeat(detached) + "echo done";
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            ProcessResult result = Runner.of(processes).run(Program.perform(ProcessAction.run(Command.shell(script))));

            assertThat(result.stdoutText()).isEqualTo("done\n");
            assertThat(ProcWatch.processesCarrying(sleep)).as("left running by `%s`", script).isEmpty();
        } finally {
            ProcWatch.processesCarrying(sleep).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    private static long childPid(ProcessResult result) {
        return Long.parseLong(result.stdoutText().strip());
    }

    /**
     * Whether process {@code pid} runs (not a zombie) and still is the one whose command line has
     * {@code token}. A process in the middle of {@code execve} shows an empty command line: it is
     * looked at again once the exec is over, or it would pass for gone.
     */
    private static boolean runsStill(long pid, String token) {
        Path cmdlineFile = Path.of("/proc", Long.toString(pid), "cmdline");
        String cmdline = ProcWatch.eventually("process " + pid + " to be past its exec", () -> {
            try {
                return Files.readString(cmdlineFile, StandardCharsets.UTF_8);
            } catch (IOException gone) {
                return "";
            }
        }, seen -> !seen.isEmpty() || ProcWatch.state(pid) == 'Z' || ProcWatch.state(pid) == '?');
        char state = ProcWatch.state(pid);
        return cmdline.contains(token) && state != 'Z' && state != '?';
    }

    /** Kills every process with one of {@code tokens} as an argument, in one pass over /proc. */
    private static void killAnyCarrying(Set<String> tokens) {
        ProcessHandle.allProcesses().forEach(process -> {
            try {
                String cmdline = Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"), StandardCharsets.UTF_8);
                if (Arrays.stream(cmdline.split("\0")).anyMatch(tokens::contains)) {
                    process.destroyForcibly();
                }
            } catch (IOException gone) {
                // ended meanwhile
            }
        });
    }

    private static void writeLine(Path fifo) {
        try (FileOutputStream out = new FileOutputStream(fifo.toFile())) { // blocks until the reader has it open
            out.write('\n');
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
