package dev.pureflow.interpreters.process;

import static dev.pureflow.interpreters.process.ProcWatch.processesCarrying;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.ActionFailedException;
import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.fake.VirtualClock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A killed job's result names the signal that ended it, even though another thread (the job's
 * supervisor) makes the result as soon as the process dies, before the kill has finished; and a
 * kill begins with the command's kill signal (TERM unless changed), for kills, timeouts and
 * cancellation alike, real and fake.
 */
class KillSignalTest {

    /** Long enough that a process ended by KILL after it cannot be mistaken for one that stopped on its signal. */
    private static final Duration PATIENT_GRACE = Duration.ofSeconds(30);

    @RepeatedTest(5)
    @Timeout(120)
    void a_job_ended_by_term_says_so() {
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            runner.run(Program.perform(ProcessAction.start("sleeper", Command.of("sleep", "1000"))));

            ProcessResult killed = runner.run(Program.perform(ProcessAction.kill("sleeper")));

            assertThat(killed.signal()).contains("TERM");
            assertThat(killed.exitCode()).isEqualTo(143);
        }
    }

    @Test
    @Timeout(120)
    void a_job_ignoring_term_is_ended_by_kill_after_the_grace() throws InterruptedException {
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            Command stubborn = Command.shell("trap '' TERM; echo ready; sleep 1000").withKillGrace(Duration.ofMillis(200));
            CountDownLatch ready = new CountDownLatch(1);
            runner.run(Program.perform(ProcessAction.start("stubborn", stubborn, ProcessListener.onLine(line -> ready.countDown()))));
            ready.await(); // the trap is set

            ProcessResult killed = runner.run(Program.perform(ProcessAction.kill("stubborn")));

            assertThat(killed.signal()).contains("KILL");
            assertThat(killed.exitCode()).isEqualTo(137);
        }
    }

    @Test
    @Timeout(120)
    void a_job_that_catches_term_and_exits_by_itself_names_no_signal() throws InterruptedException {
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            // the sleep runs before "ready" (so the kill finds it), and a trapped TERM interrupts `wait` at once; with
            // `echo ready; sleep 1000` a TERM could reach the shell before its sleep existed, and the trap waited for the sleep
            Command polite = Command.shell("trap 'exit 3' TERM; sleep 1000 & echo ready; wait $!");
            CountDownLatch ready = new CountDownLatch(1);
            runner.run(Program.perform(ProcessAction.start("polite", polite, ProcessListener.onLine(line -> ready.countDown()))));
            ready.await(); // the trap is set

            ProcessResult killed = runner.run(Program.perform(ProcessAction.kill("polite")));

            assertThat(killed.exitCode()).isEqualTo(3);
            assertThat(killed.signal()).isEmpty();
        }
    }

    @Test
    @Timeout(60)
    void a_kill_with_int_lets_a_script_that_traps_int_shut_down_cleanly() throws InterruptedException {
        String sleep = ProcWatch.uniqueSleep();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            RecordingListener listener = new RecordingListener();
            Command tool = script("traps-int.sh", sleep).withKillSignal(Signal.INT).withKillGrace(PATIENT_GRACE);
            runner.run(Program.perform(ProcessAction.start("tool", tool, listener)));
            listener.awaitLine("ready"); // the trap is set

            ProcessResult killed = runner.run(Program.perform(ProcessAction.kill("tool")));

            assertThat(killed.stdoutLines()).containsExactly("ready", "got INT");
            assertThat(killed.exitCode()).isZero();
            assertThat(killed.signal()).isEmpty(); // it exited on its own terms
            assertThat(processesCarrying(sleep)).isEmpty();
        }
    }

    @Test
    @Timeout(60)
    void the_default_kill_signal_is_term_which_the_int_trapping_script_does_not_catch() throws InterruptedException {
        String sleep = ProcWatch.uniqueSleep();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            RecordingListener listener = new RecordingListener();
            runner.run(Program.perform(ProcessAction.start("tool", script("traps-int.sh", sleep).withKillGrace(PATIENT_GRACE), listener)));
            listener.awaitLine("ready");

            ProcessResult killed = runner.run(Program.perform(ProcessAction.kill("tool")));

            assertThat(killed.stdoutLines()).containsExactly("ready");
            assertThat(killed.signal()).contains("TERM");
            assertThat(killed.exitCode()).isEqualTo(Signal.TERM.exitCode());
            assertThat(processesCarrying(sleep)).isEmpty();
        }
    }

    @Test
    @Timeout(60)
    void a_kill_with_hup_stops_a_script_that_ignores_term() throws InterruptedException {
        String sleep = ProcWatch.uniqueSleep();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            RecordingListener listener = new RecordingListener();
            Command tool = script("stops-on-hup.sh", sleep).withKillSignal(Signal.HUP).withKillGrace(PATIENT_GRACE);
            runner.run(Program.perform(ProcessAction.start("tool", tool, listener)));
            listener.awaitLine("ready");

            ProcessResult killed = runner.run(Program.perform(ProcessAction.kill("tool")));

            assertThat(killed.stdoutLines()).containsExactly("ready", "got HUP");
            assertThat(killed.exitCode()).isZero();
            assertThat(processesCarrying(sleep)).isEmpty();
        }
    }

    @Test
    @Timeout(60)
    void a_term_ignoring_script_killed_with_the_default_signal_ends_by_kill_after_the_grace() throws InterruptedException {
        String sleep = ProcWatch.uniqueSleep();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            RecordingListener listener = new RecordingListener();
            Command tool = script("stops-on-hup.sh", sleep).withKillGrace(Duration.ofMillis(300));
            runner.run(Program.perform(ProcessAction.start("tool", tool, listener)));
            listener.awaitLine("ready");

            ProcessResult killed = runner.run(Program.perform(ProcessAction.kill("tool")));

            assertThat(killed.stdoutLines()).containsExactly("ready");
            assertThat(killed.signal()).contains("KILL");
            assertThat(killed.exitCode()).isEqualTo(Signal.KILL.exitCode());
            assertThat(processesCarrying(sleep)).isEmpty();
        }
    }

    @Test
    @Timeout(60)
    void a_timeout_begins_its_kill_with_the_commands_signal() {
        String sleep = ProcWatch.uniqueSleep();
        Command tool = script("traps-int.sh", sleep).withKillSignal(Signal.INT).withKillGrace(PATIENT_GRACE)
                .withTimeout(Duration.ofMillis(500));
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);

            assertThatThrownBy(() -> runner.run(Program.perform(ProcessAction.run(tool))))
                    .isInstanceOf(ActionFailedException.class)
                    .cause().isInstanceOfSatisfying(ProcessTimeoutException.class, timedOut -> {
                        assertThat(timedOut.result().timedOut()).isTrue();
                        assertThat(timedOut.result().stdoutLines()).containsExactly("ready", "got INT");
                        assertThat(timedOut.result().exitCode()).isZero();
                    });
            assertThat(processesCarrying(sleep)).isEmpty();
        }
    }

    @Test
    @Timeout(60)
    void cancelling_a_run_begins_the_kill_of_its_command_with_the_commands_signal() throws InterruptedException {
        String sleep = ProcWatch.uniqueSleep();
        Command tool = script("stops-on-hup.sh", sleep).withKillSignal(Signal.HUP).withKillGrace(PATIENT_GRACE);
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            RecordingListener listener = new RecordingListener();
            RunHandle<ProcessResult> handle = Runner.of(processes).start(Program.perform(ProcessAction.run(tool, listener)));
            listener.awaitLine("ready");

            handle.cancel();
            handle.awaitOutcome();

            assertThat(listener.lines()).filteredOn(line -> line.stream() == OutputLine.Stream.STDOUT)
                    .extracting(OutputLine::text).containsExactly("ready", "got HUP"); // sh reports "Hangup" of its sleep on stderr
            RecordingListener.Event.Exited exited = (RecordingListener.Event.Exited) listener.events().getLast();
            assertThat(exited.result().exitCode()).isZero();
            assertThat(processesCarrying(sleep)).isEmpty();
        }
    }

    @Test
    void a_fake_process_stopping_only_on_hup_ends_by_hup_at_once_and_by_kill_after_the_grace_otherwise() {
        VirtualClock clock = VirtualClock.start();
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(List.of("daemon"), FakeProcess.exiting(0).pausing(Duration.ofDays(1)).stoppingOnlyOn(Signal.HUP))
                .build();
        Runner runner = Runner.of(fake).with(options -> options.clock(clock));
        Command daemon = Command.of("daemon").withKillGrace(Duration.ofSeconds(5));

        ProcessResult hup = runner.run(ProcessAction.scoped("hup", daemon.withKillSignal(Signal.HUP), job -> Program.pure(job))
                .andThen(Program.perform(ProcessAction.await("hup"))));
        assertThat(hup.signal()).contains("HUP");
        assertThat(hup.exitCode()).isEqualTo(128 + 1);
        assertThat(clock.elapsed()).isZero();

        ProcessResult term = runner.run(ProcessAction.scoped("term", daemon, job -> Program.pure(job))
                .andThen(Program.perform(ProcessAction.await("term"))));
        assertThat(term.signal()).contains("KILL");
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void no_process_can_ignore_kill_and_a_kill_signal_is_required() {
        assertThatThrownBy(() -> FakeProcess.exiting(0).ignoring(Signal.KILL))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no process can ignore KILL");
        assertThatThrownBy(() -> Command.of("true").withKillSignal(null))
                .isInstanceOf(NullPointerException.class).hasMessage("signal");
        assertThat(Command.of("true").killSignal()).isEqualTo(Signal.TERM);
    }

    @Property(tries = 80)
    void a_fake_kill_ends_a_job_with_its_signal_unless_ignored_and_then_with_kill_after_the_grace(
            @ForAll Signal signal, @ForAll Set<Signal> ignoredOrKill, @ForAll @IntRange(max = 120) int graceSeconds) {
        Set<Signal> ignored = EnumSet.noneOf(Signal.class);
        ignored.addAll(ignoredOrKill);
        ignored.remove(Signal.KILL);
        VirtualClock clock = VirtualClock.start();
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(List.of("tool"), new FakeProcess(List.of(new FakeProcess.Step.Pause(Duration.ofDays(1))), 0, ignored))
                .build();
        Duration grace = Duration.ofSeconds(graceSeconds);
        Runner runner = Runner.of(fake).with(options -> options.clock(clock));

        ProcessResult killed = runner.run(Program.perform(ProcessAction.start("tool", Command.of("tool").withKillSignal(signal).withKillGrace(grace)))
                .andThen(Program.perform(ProcessAction.kill("tool"))));

        Signal ending = ignored.contains(signal) ? Signal.KILL : signal;
        assertThat(killed.signal()).contains(ending.name());
        assertThat(killed.exitCode()).isEqualTo(128 + ending.number());
        assertThat(clock.elapsed()).isEqualTo(ignored.contains(signal) ? grace : Duration.ZERO);
    }

    /**
     * A test script run by {@code sh}, through {@code env --default-signal}: a JVM started in the
     * background by a script ignores INT (and under {@code nohup}, HUP), its children inherit that,
     * and a shell cannot trap a signal ignored on entry; the test wants the script's own behaviour.
     */
    private static Command script(String name, String sleep) {
        return Command.of("env", "--default-signal=HUP,INT", "sh", ProcWatch.script(name).toString(), sleep);
    }
}
