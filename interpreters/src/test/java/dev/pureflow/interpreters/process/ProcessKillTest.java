package dev.pureflow.interpreters.process;

import static dev.pureflow.combinators.Combinators.timeout;
import static dev.pureflow.interpreters.process.ProcWatch.processesCarrying;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pureflow.ActionFailedException;
import dev.pureflow.FlowTimeoutException;
import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import dev.pureflow.Runner;
import dev.pureflow.combinators.ActionTimeoutException;
import io.vavr.control.Try;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Timeouts, kills and cancellation end a command's whole process tree: TERM, then KILL after the
 * grace, descendants, orphans and {@code setsid} escapees included, and a grandchild holding the
 * output open cannot make a call hang. Every process of a test carries a unique sleep duration on
 * its command line, so {@code /proc} tells whether any survived.
 */
class ProcessKillTest {

    private static final Duration SHORT = Duration.ofMillis(300);

    /**
     * The timeout of a command that must get somewhere first (set a trap, print a line) for the test
     * to mean anything: a shell does that in milliseconds, so this is ample on a machine several
     * times slower than ours with busy cores. A test that waits for the process needs no such bound.
     */
    private static final Duration AFTER_SET_UP = Duration.ofSeconds(3);

    @Test
    void a_timed_out_child_that_ignores_term_is_killed_after_the_grace() {
        String sleep = ProcWatch.uniqueSleep();
        Command stubborn = Command.shell("trap '' TERM; sleep " + sleep).withTimeout(AFTER_SET_UP).withKillGrace(SHORT);
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);

            Throwable failure = runner.attempt(Program.perform(ProcessAction.run(stubborn))).getCause();

            assertThat(failure).isInstanceOf(ActionFailedException.class).cause().isInstanceOf(ProcessTimeoutException.class)
                    .hasMessageContaining("did not finish within PT3S")
                    .hasMessageContaining("killed with KILL");
            ProcessResult result = ((ProcessTimeoutException) failure.getCause()).result();
            assertThat(result.timedOut()).isTrue();
            assertThat(result.signal()).contains("KILL");
            assertThat(result.exitCode()).isEqualTo(128 + 9);
            assertThat(result.duration()).isGreaterThanOrEqualTo(AFTER_SET_UP.plus(SHORT));
            assertThat(processesCarrying(sleep)).isEmpty();
        }
    }

    @Test
    void a_timed_out_child_gets_term_first_and_kill_only_after_the_grace() {
        String sleep = ProcWatch.uniqueSleep();
        Command stubborn = Command.of("sh", ProcWatch.script("ignores-term.sh").toString(), sleep).withTimeout(AFTER_SET_UP).withKillGrace(SHORT);
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);

            Throwable failure = runner.attempt(Program.perform(ProcessAction.run(stubborn))).getCause();

            ProcessResult result = ((ProcessTimeoutException) failure.getCause()).result();
            // the script's TERM trap ran (output captured up to the kill is kept), yet it had to be KILLed
            assertThat(result.stdoutLines()).containsExactly("ready", "got TERM");
            assertThat(result.signal()).contains("KILL");
            assertThat(result.duration()).isGreaterThanOrEqualTo(AFTER_SET_UP.plus(SHORT));
            assertThat(processesCarrying(sleep)).isEmpty();
        }
    }

    @Test
    void a_timed_out_child_that_obeys_term_ends_by_term_without_waiting_for_the_grace() {
        String sleep = ProcWatch.uniqueSleep();
        Command obedient = Command.shell("echo before; sleep " + sleep + "; echo never").withTimeout(AFTER_SET_UP).withKillGrace(Duration.ofMinutes(10));
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);

            Throwable failure = runner.attempt(Program.perform(ProcessAction.run(obedient))).getCause();

            assertThat(failure.getCause()).isInstanceOf(ProcessTimeoutException.class).hasMessageContaining("killed with TERM");
            ProcessResult result = ((ProcessTimeoutException) failure.getCause()).result();
            assertThat(result.timedOut()).isTrue();
            assertThat(result.signal()).contains("TERM");
            assertThat(result.exitCode()).isEqualTo(128 + 15);
            assertThat(result.stdoutText()).isEqualTo("before\n");
            // ended by TERM: the kill did not wait for the ten-minute grace, which the hang detector would have caught
            assertThat(result.duration()).isGreaterThanOrEqualTo(AFTER_SET_UP);
            assertThat(processesCarrying(sleep)).isEmpty();
        }
    }

    @Test
    void a_command_that_ends_within_its_timeout_is_not_flagged() {
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            ProcessResult result = Runner.of(processes).run(Program.perform(ProcessAction.run(Command.of("echo", "in time").withTimeout(Duration.ofSeconds(30)))));

            assertThat(result.timedOut()).isFalse();
            assertThat(result.signal()).isEmpty();
            assertThat(result.stdoutText()).isEqualTo("in time\n");
        }
    }

    @Test
    void killing_a_job_ends_its_background_nohup_term_ignoring_and_setsid_descendants() throws Exception {
        String sleep = ProcWatch.uniqueSleep();
        RecordingListener listener = new RecordingListener();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            Job job = runner.run(Program.perform(ProcessAction.start("family",
                    Command.of("sh", ProcWatch.script("family.sh").toString(), sleep), listener)));
            listener.awaitLine("ready");
            // the script, its background sleep, the nohup sleep, the TERM-ignoring shell and its sleep, the setsid sleep
            // until setsid(2) has run, the escapee is already in /proc (as "setsid sleep ...") but still in the job's session
            java.util.function.Function<List<Long>, Long> inOwnSession =
                    pids -> pids.stream().filter(pid -> ProcWatch.session(pid) != ProcWatch.session(job.pid())).count();
            List<Long> family = ProcWatch.eventually("the whole family to run, the escapee in its own session",
                    () -> processesCarrying(sleep), pids -> pids.size() == 6 && inOwnSession.apply(pids) == 1);
            long escapees = inOwnSession.apply(family);
            assertThat(escapees).as("processes in a session of their own").isEqualTo(1);

            ProcessResult killed = runner.run(Program.perform(new ProcessAction.Kill("family", Optional.of(SHORT))));

            assertThat(processesCarrying(sleep)).as("survivors of the kill").isEmpty();
            assertThat(killed.signal()).contains("TERM");
            assertThat(killed.stdoutLines()).containsExactly("ready");
            ProcWatch.eventually("no zombie children", ProcWatch::zombieChildren, n -> n == 0);
        }
    }

    @Test
    void a_setsid_escapee_that_is_no_descendant_and_holds_no_pipe_is_found_by_the_marker_and_killed() throws Exception {
        String sleep = ProcWatch.uniqueSleep();
        String escapee = ProcWatch.uniqueSleep();
        RecordingListener listener = new RecordingListener();
        // the escapee's parent (a subshell) exits at once, so it is an orphan in its own session with its output on /dev/null
        Command runaway = Command.shell("(setsid sleep " + escapee + " >/dev/null 2>&1 </dev/null &); echo ready; sleep " + sleep + "; :");
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            Job job = runner.run(Program.perform(ProcessAction.start("runaway", runaway, listener)));
            listener.awaitLine("ready");
            // the job's own shell carries the escapee's duration in its script: the escapee is the other one
            long escapeePid = ProcWatch.eventually("the escapee to run",
                    () -> processesCarrying(escapee).stream().filter(pid -> pid != job.pid()).toList(), pids -> pids.size() == 1).getFirst();
            ProcWatch.eventually("the escapee to be orphaned", () -> ProcWatch.parent(escapeePid), parent -> parent != job.pid());
            assertThat(ProcessHandle.of(job.pid()).orElseThrow().descendants().map(ProcessHandle::pid)).doesNotContain(escapeePid);
            assertThat(ProcWatch.session(escapeePid)).isNotEqualTo(ProcWatch.session(job.pid()));

            runner.run(Program.perform(ProcessAction.kill("runaway")));

            assertThat(processesCarrying(escapee)).as("the escapee").isEmpty();
            assertThat(processesCarrying(sleep)).isEmpty();
        }
    }

    @RepeatedTest(5)
    void a_grandchild_holding_stdout_open_does_not_make_a_run_hang_and_is_killed() {
        String sleep = ProcWatch.uniqueSleep();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);

            // returning at all is the point (the grandchild sleeps for over an hour): the hang detector watches
            ProcessResult result = runner.run(Program.perform(ProcessAction.run(Command.shell("sleep " + sleep + " & echo done; sleep 0.2"))));

            assertThat(result.exitCode()).isZero();
            assertThat(result.stdoutText()).isEqualTo("done\n");
            assertThat(processesCarrying(sleep)).as("the grandchild").isEmpty();
        }
    }

    @RepeatedTest(5)
    void a_command_that_leaves_a_grandchild_on_its_stdout_and_exits_at_once_returns_its_output_and_the_grandchild_is_killed() {
        // When the shell exits before the executor's reader has begun its first read, the JDK's process
        // reaper drains and closes the read end of the pipe itself, so the end of output does not show
        // the grandchild; it is found by the marker after the exit all the same (ProcessLeftoversTest
        // repeats this 1,000 times).
        String sleep = ProcWatch.uniqueSleep();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);

            ProcessResult result = runner.run(Program.perform(ProcessAction.run(Command.shell("sleep " + sleep + " & echo done"))));

            assertThat(result.exitCode()).isZero();
            assertThat(result.stdoutText()).isEqualTo("done\n");
            assertThat(processesCarrying(sleep)).as("the grandchild").isEmpty();
        } finally {
            processesCarrying(sleep).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void a_grandchild_that_escapes_the_tree_and_holds_stdout_open_does_not_make_a_run_hang() {
        String sleep = ProcWatch.uniqueSleep();
        // without the marker variable, orphaned and in a session of its own, it cannot be found: the call must
        // still return; the pause lets the reader block in a read before the shell exits
        Command hidden = Command.shell("(env -u " + ProcessTree.MARKER + " setsid sleep " + sleep + " &); echo done; sleep 0.2");
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);

            // a hang detector: the hidden grandchild sleeps for over an hour; the call takes the drain grace
            ProcessResult result = assertTimeoutPreemptively(Duration.ofSeconds(120),
                    () -> runner.run(Program.perform(ProcessAction.run(hidden))));

            assertThat(result.exitCode()).isZero();
            assertThat(result.stdoutText()).isEqualTo("done\n");
        } finally {
            processesCarrying(sleep).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void a_grandchild_that_escapes_the_tree_and_holds_stdin_open_unread_does_not_make_a_run_hang() {
        String sleep = ProcWatch.uniqueSleep();
        // the shell reads none of its 10 MB of stdin and exits; the hidden grandchild keeps the pipe's read end
        // (through fd 3: a background command's own stdin would be /dev/null)
        Command hidden = Command.shell("exec 3<&0; (env -u " + ProcessTree.MARKER + " setsid sleep " + sleep + " <&3 >/dev/null 2>&1 &); echo done")
                .withStdin(Stdin.bytes(new byte[10_000_000]));
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);

            // a hang detector: the hidden grandchild sleeps for over an hour; the call takes the drain grace
            ProcessResult result = assertTimeoutPreemptively(Duration.ofSeconds(120),
                    () -> runner.run(Program.perform(ProcessAction.run(hidden))));

            assertThat(result.exitCode()).isZero();
            assertThat(result.stdoutText()).isEqualTo("done\n");
        } finally {
            processesCarrying(sleep).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void cancelling_a_run_kills_the_process_tree_of_its_command() throws Exception {
        String sleep = ProcWatch.uniqueSleep();
        RecordingListener listener = new RecordingListener();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            RunHandle<ProcessResult> handle = Runner.of(processes)
                    .start(Program.perform(ProcessAction.run(Command.shell("sleep " + sleep + " & echo started; sleep " + sleep + "; :"), listener)));
            listener.awaitLine("started");
            ProcWatch.eventually("the command and its child", () -> processesCarrying(sleep), pids -> pids.size() == 3);

            handle.cancel();
            Try<ProcessResult> outcome = handle.awaitOutcome();

            assertThat(outcome.getCause()).isInstanceOf(CancellationException.class);
            assertThat(processesCarrying(sleep)).isEmpty();
            assertThat(listener.events().getLast()).isInstanceOf(RecordingListener.Event.Exited.class);
        }
    }

    @Test
    void the_timeout_combinator_interrupts_a_run_and_kills_its_process() throws Exception {
        String sleep = ProcWatch.uniqueSleep();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes.with(timeout(SHORT)));

            assertThatThrownBy(() -> runner.run(Program.perform(ProcessAction.run(Command.shell("sleep " + sleep + "; :")))))
                    .isInstanceOf(ActionFailedException.class)
                    .cause().isInstanceOf(ActionTimeoutException.class);
            assertThat(processesCarrying(sleep)).isEmpty();
        }
    }

    @Test
    void a_run_deadline_of_the_runner_kills_the_process_of_the_step_in_flight() throws Exception {
        String sleep = ProcWatch.uniqueSleep();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes).with(options -> options.timeout(SHORT));

            assertThatThrownBy(() -> runner.run(Program.perform(ProcessAction.run(Command.of("sleep", sleep)))))
                    .isInstanceOf(FlowTimeoutException.class);
            assertThat(processesCarrying(sleep)).isEmpty();
        }
    }
}
