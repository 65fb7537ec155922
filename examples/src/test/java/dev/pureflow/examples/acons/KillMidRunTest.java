package dev.pureflow.examples.acons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.ActionFailedException;
import dev.pureflow.Clock;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.fake.VirtualClock;
import dev.pureflow.interpreters.process.Command;
import dev.pureflow.interpreters.process.FakeProcess;
import dev.pureflow.interpreters.process.FakeProcessExecutor;
import dev.pureflow.interpreters.process.JobStatus;
import dev.pureflow.interpreters.process.NoSuchJobException;
import dev.pureflow.interpreters.process.ProcessAction;
import dev.pureflow.interpreters.process.ProcessExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class KillMidRunTest {

    /** The ticker, scripted: a tenth of a second, then {@code tick N}, for a minute. */
    private static final FakeProcess SCRIPTED_TICKER = FakeProcess.exiting(0)
            .printingEvery(Duration.ofMillis(100), ticks(600).toArray(String[]::new));

    private final VirtualClock clock = VirtualClock.start();

    @Test
    @Timeout(120)
    void fake_job_is_read_while_running_killed_mid_run_and_read_after_its_end_in_virtual_time() {
        try (FakeProcessExecutor fake = fakeTicker(SCRIPTED_TICKER)) {
            Runner runner = Runner.of(KillMidRun.world(fake, clock)).with(options -> options.clock(clock));

            KillMidRun.Report report = runner.run(KillMidRun.flow("ticker", KillMidRun.ticker()));

            // reads at 0 ms (nothing yet) and 150 ms (tick 1 came at 100 ms); the kill at 350 ms
            assertThat(report.job().id()).isEqualTo("ticker");
            assertThat(report.whileRunning()).containsExactly("tick 1");
            assertThat(report.afterEnd()).containsExactly("tick 2", "tick 3");
            assertThat(report.killed().signal()).contains("TERM");
            assertThat(report.killed().exitCode()).isEqualTo(143);
            assertThat(report.killed().duration()).isEqualTo(Duration.ofMillis(350));
            assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(350));
            assertThat(report.killed().stdoutLines()).containsExactly("tick 1", "tick 2", "tick 3");
        }
    }

    @Test
    @Timeout(120)
    void fake_job_ignoring_term_is_killed_after_its_grace_in_virtual_time() {
        Command stubborn = KillMidRun.ticker().withKillGrace(Duration.ofSeconds(5));
        try (FakeProcessExecutor fake = fakeTicker(SCRIPTED_TICKER.ignoringTerm())) {
            Runner runner = Runner.of(KillMidRun.world(fake, clock)).with(options -> options.clock(clock));

            KillMidRun.Report report = runner.run(KillMidRun.flow("ticker", stubborn));

            assertThat(report.killed().signal()).contains("KILL");
            assertThat(report.killed().exitCode()).isEqualTo(137);
            assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(5_350));
        }
    }

    @Test
    @Timeout(120)
    void fake_job_that_ends_by_itself_is_not_killed_and_its_last_lines_stay_readable() {
        FakeProcess quick = FakeProcess.exiting(0).printingEvery(Duration.ofMillis(100), "tick 1", "tick 2");
        try (FakeProcessExecutor fake = fakeTicker(quick)) {
            Runner runner = Runner.of(KillMidRun.world(fake, clock)).with(options -> options.clock(clock));

            KillMidRun.Report report = runner.run(KillMidRun.flow("ticker", KillMidRun.ticker()));

            assertThat(report.whileRunning()).containsExactly("tick 1");
            assertThat(report.afterEnd()).containsExactly("tick 2");
            assertThat(report.killed().exitCode()).isZero();
            assertThat(report.killed().signal()).isEmpty();
            assertThat(report.killed().duration()).isEqualTo(Duration.ofMillis(200));
            assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(350));
        }
    }

    @Test
    @Timeout(120)
    void fake_ended_jobs_stay_listed_and_readable_and_an_unknown_id_is_an_error() {
        try (FakeProcessExecutor fake = fakeTicker(SCRIPTED_TICKER)) {
            Runner runner = Runner.of(KillMidRun.world(fake, clock)).with(options -> options.clock(clock));
            runner.run(KillMidRun.flow("ticker", KillMidRun.ticker()));

            List<JobStatus> jobs = runner.run(Program.perform(ProcessAction.listJobs()));
            JobStatus again = runner.run(Program.perform(ProcessAction.readOutput("ticker")));

            assertThat(jobs).singleElement().satisfies(job -> {
                assertThat(job.job().id()).isEqualTo("ticker");
                assertThat(job.running()).isFalse();
            });
            assertThat(again.newLines()).isEmpty(); // every line was read once already
            assertThat(again.result()).hasValueSatisfying(result -> assertThat(result.exitCode()).isEqualTo(143));
            assertThatThrownBy(() -> runner.run(Program.perform(ProcessAction.readOutput("pinger"))))
                    .isInstanceOf(ActionFailedException.class)
                    .cause()
                    .isInstanceOf(NoSuchJobException.class)
                    .hasMessage("no job 'pinger'; known jobs: ticker");
        }
    }

    @Test
    @Timeout(120)
    void a_job_id_is_taken_while_the_executor_keeps_the_job() {
        try (FakeProcessExecutor fake = fakeTicker(SCRIPTED_TICKER)) {
            Runner runner = Runner.of(KillMidRun.world(fake, clock)).with(options -> options.clock(clock));
            runner.run(KillMidRun.flow("ticker", KillMidRun.ticker()));

            assertThatThrownBy(() -> runner.run(KillMidRun.flow("ticker", KillMidRun.ticker())))
                    .isInstanceOf(ActionFailedException.class)
                    .cause()
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a job with id 'ticker' already exists; job ids must be unique");
        }
    }

    @Test
    @Timeout(120)
    void real_job_is_read_while_running_killed_mid_run_and_read_after_its_end() {
        KillMidRun.Report report;
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(KillMidRun.world(processes, Clock.system()));
            report = runner.run(KillMidRun.flow("ticker", KillMidRun.ticker()));
        }

        List<String> everyLine = new ArrayList<>(report.whileRunning());
        everyLine.addAll(report.afterEnd());
        assertThat(report.whileRunning()).isNotEmpty().startsWith("tick 1");
        assertThat(everyLine).isEqualTo(ticks(everyLine.size())); // each line seen once, in order
        assertThat(report.killed().stdoutLines()).isEqualTo(everyLine); // and nothing lost
        assertThat(report.killed().signal()).contains("TERM");
        assertThat(report.killed().exitCode()).isEqualTo(143);
        assertThat(report.killed().duration()).isGreaterThanOrEqualTo(KillMidRun.LET_RUN);
        assertThat(ProcessHandle.of(report.job().pid()).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    @Timeout(120)
    void real_job_ignoring_term_is_killed_after_its_grace() {
        Command stubborn = Command.shell("trap '' TERM; i=0; while [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); echo \"tick $i\"; done")
                .withKillGrace(Duration.ofMillis(300));
        KillMidRun.Report report;
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            report = Runner.of(KillMidRun.world(processes, Clock.system())).run(KillMidRun.flow("stubborn", stubborn));
        }

        assertThat(report.killed().signal()).contains("KILL");
        assertThat(report.killed().exitCode()).isEqualTo(137);
        assertThat(report.killed().duration()).isGreaterThanOrEqualTo(KillMidRun.LET_RUN.plusMillis(300));
        assertThat(report.killed().stdoutLines()).startsWith("tick 1");
    }

    @Test
    void a_pause_is_never_negative() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Pause(Duration.ofMillis(-1)))
                .withMessage("duration must not be negative, was PT-0.001S");
    }

    private FakeProcessExecutor fakeTicker(FakeProcess ticker) {
        return FakeProcessExecutor.builder(clock).on(KillMidRun.ticker().argv(), ticker).build();
    }

    private static List<String> ticks(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "tick " + i).toList();
    }
}
