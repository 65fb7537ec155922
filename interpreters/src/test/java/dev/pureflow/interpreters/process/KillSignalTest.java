package dev.pureflow.interpreters.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Program;
import dev.pureflow.Runner;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A killed job's result names the signal that ended it, even though another thread (the job's
 * supervisor) makes the result as soon as the process dies, before the kill has finished.
 */
class KillSignalTest {

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
            // the trap runs once the foreground sleep ends, which the kill's TERM to the tree brings about
            Command polite = Command.shell("trap 'exit 3' TERM; echo ready; sleep 1000");
            CountDownLatch ready = new CountDownLatch(1);
            runner.run(Program.perform(ProcessAction.start("polite", polite, ProcessListener.onLine(line -> ready.countDown()))));
            ready.await(); // the trap is set

            ProcessResult killed = runner.run(Program.perform(ProcessAction.kill("polite")));

            assertThat(killed.exitCode()).isEqualTo(3);
            assertThat(killed.signal()).isEmpty();
        }
    }
}
