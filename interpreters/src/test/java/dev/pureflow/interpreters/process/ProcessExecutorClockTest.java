package dev.pureflow.interpreters.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.ActionFailedException;
import dev.pureflow.Clock;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.watch.SystemClockForwarder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor's time: a command waits for its process on the executor's clock when that is not
 * the system clock (so a clock that keeps its own time sees the wait), a timeout is enforced on it
 * alike, and a timeout too long to count in nanoseconds is no timeout at all.
 */
class ProcessExecutorClockTest {

    @TempDir
    Path directory;

    /** The system clock, with every wait for a stage counted: another clock than {@link Clock#system()}. */
    private static final class CountingClock extends SystemClockForwarder {
        final AtomicInteger awaits = new AtomicInteger();
        final AtomicInteger timedAwaits = new AtomicInteger();

        @Override
        public void await(CompletionStage<?> stage) throws InterruptedException {
            awaits.incrementAndGet();
            Clock.system().await(stage);
        }

        @Override
        public boolean await(CompletionStage<?> stage, Duration timeout) throws InterruptedException {
            timedAwaits.incrementAndGet();
            return Clock.system().await(stage, timeout);
        }

        @Override
        public Thread startThread(String name, Runnable task) {
            return Clock.system().startThread(name, task);
        }
    }

    @Test
    void a_command_without_a_timeout_waits_for_its_exit_on_the_executors_clock() throws Exception {
        CountingClock clock = new CountingClock();
        try (ProcessExecutor processes = ProcessExecutor.create(clock, directory)) {
            ProcessResult result = Runner.of(processes).run(Program.perform(ProcessAction.run(Command.of("echo", "on the clock"))));

            assertThat(result.stdoutText()).isEqualTo("on the clock\n");
            assertThat(result.exitCode()).isZero();
            assertThat(result.timedOut()).isFalse();
            assertThat(clock.awaits.get()).as("waits for the exit without a limit").isPositive();
        }
    }

    @Test
    void a_command_within_its_timeout_waits_on_the_executors_clock_and_is_not_flagged() throws Exception {
        CountingClock clock = new CountingClock();
        try (ProcessExecutor processes = ProcessExecutor.create(clock, directory)) {
            int before = clock.timedAwaits.get();
            ProcessResult result = Runner.of(processes).run(Program.perform(ProcessAction.run(
                    Command.of("echo", "in time").withTimeout(Duration.ofMinutes(10)))));

            assertThat(result.stdoutText()).isEqualTo("in time\n");
            assertThat(result.timedOut()).isFalse();
            assertThat(result.signal()).isEmpty();
            assertThat(clock.timedAwaits.get() - before).as("timed waits: the exit's, and the output's").isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void a_command_past_its_timeout_on_the_executors_clock_is_killed_by_term_and_flagged() {
        CountingClock clock = new CountingClock();
        String sleep = ProcWatch.uniqueSleep();
        try (ProcessExecutor processes = ProcessExecutor.create(clock, directory)) {
            Command sleeping = Command.of("sleep", sleep).withTimeout(Duration.ofMillis(300));

            assertThatThrownBy(() -> Runner.of(processes).run(Program.perform(ProcessAction.run(sleeping))))
                    .isInstanceOf(ActionFailedException.class).cause()
                    .isInstanceOfSatisfying(ProcessTimeoutException.class, timeout -> {
                        assertThat(timeout.result().timedOut()).isTrue();
                        assertThat(timeout.result().signal()).contains("TERM");
                        assertThat(timeout.result().exitCode()).isEqualTo(Signal.TERM.exitCode());
                    });
            assertThat(ProcWatch.processesCarrying(sleep)).isEmpty();
        }
    }

    @Test
    void a_timeout_too_long_to_count_in_nanoseconds_lets_the_command_finish() throws Exception {
        Command echo = Command.of("echo", "no hurry").withTimeout(Duration.ofSeconds(Long.MAX_VALUE));
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            ProcessResult result = Runner.of(processes).run(Program.perform(ProcessAction.run(echo)));

            assertThat(result.stdoutText()).isEqualTo("no hurry\n");
            assertThat(result.timedOut()).isFalse();
            assertThat(result.signal()).isEmpty();
        }
    }

    /** However many jobs run, the gauge counts exactly those still running. */
    @Property(tries = 5)
    void running_jobs_counts_the_jobs_still_running(@ForAll @IntRange(min = 0, max = 4) int alive,
                                                    @ForAll @IntRange(min = 0, max = 3) int ended) throws Exception {
        String sleep = ProcWatch.uniqueSleep();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            assertThat(processes.runningJobs()).isZero();
            for (int i = 0; i < ended; i++) {
                String id = "ended-" + i;
                runner.run(Program.perform(ProcessAction.start(id, Command.of("true"))));
                runner.run(Program.perform(ProcessAction.await(id)));
            }
            for (int i = 0; i < alive; i++) {
                runner.run(Program.perform(ProcessAction.start("alive-" + i, Command.of("sleep", sleep))));
            }

            assertThat(processes.runningJobs()).isEqualTo(alive);

            for (int i = 0; i < alive; i++) {
                runner.run(Program.perform(ProcessAction.kill("alive-" + i)));
            }
            assertThat(processes.runningJobs()).isZero();
            assertThat(runner.run(Program.perform(ProcessAction.listJobs()))).hasSize(alive + ended);
        } finally {
            ProcWatch.processesCarrying(sleep).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }
}
