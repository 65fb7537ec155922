package dev.pureflow.interpreters.process;

import static dev.pureflow.interpreters.process.ProcWatch.processesCarrying;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.ActionFailedException;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import dev.pureflow.Runner;
import io.vavr.control.Try;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Who owns a job, with real processes: a job started with {@code start} belongs to the executor and
 * outlives the run that started it (a later run reads and kills it by id); a job started with
 * {@link ProcessAction#scoped} belongs to its run, whose end (success, failure or cancellation)
 * kills its whole process tree with exactly one {@link ProcessAction.Kill}.
 */
class JobOwnershipTest {

    @Test
    void a_started_job_outlives_the_cancelled_run_that_started_it_and_a_later_run_kills_it_by_id() throws Exception {
        String sleep = ProcWatch.uniqueSleep();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            RunHandle<ProcessResult> starter = runner.start(Program.perform(ProcessAction.start("owned", Command.of("sleep", sleep)))
                    .flatMap(job -> Program.perform(ProcessAction.await(job.id()))));
            ProcWatch.eventually("the job to run", () -> processesCarrying(sleep), pids -> pids.size() == 1);

            starter.cancel();
            Try<ProcessResult> outcome = starter.awaitOutcome();

            assertThat(outcome.getCause()).isInstanceOf(CancellationException.class);
            assertThat(processesCarrying(sleep)).hasSize(1);
            assertThat(runner.run(Program.perform(ProcessAction.readOutput("owned"))).running()).isTrue();
            ProcessResult killed = runner.run(Program.perform(ProcessAction.kill("owned")));
            assertThat(killed.signal()).contains("TERM");
            assertThat(processesCarrying(sleep)).isEmpty();
        }
    }

    @Test
    void cancelling_a_run_kills_the_whole_tree_of_its_scoped_job_once() throws Exception {
        String sleep = ProcWatch.uniqueSleep();
        // the shell, a background sleep and a foreground one: three processes to end
        Command tree = Command.shell("sleep " + sleep + " & sleep " + sleep + "; :");
        List<ProcessAction<?>> performed = new CopyOnWriteArrayList<>();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            RunHandle<ProcessResult> handle = Runner.of(recording(processes, performed)).start(
                    ProcessAction.scoped("scoped", tree, job -> Program.perform(ProcessAction.await(job.id()))));
            ProcWatch.eventually("the job's tree to run", () -> processesCarrying(sleep), pids -> pids.size() == 3);

            handle.cancel();
            Try<ProcessResult> outcome = handle.awaitOutcome();

            assertThat(outcome.getCause()).isInstanceOf(CancellationException.class);
            assertThat(processesCarrying(sleep)).isEmpty(); // gone before the handle completed, not eventually
            assertThat(performed).filteredOn(ProcessAction.Kill.class::isInstance).containsExactly(ProcessAction.kill("scoped"));
            JobStatus status = Runner.of(processes).run(Program.perform(ProcessAction.readOutput("scoped")));
            assertThat(status.running()).isFalse();
            assertThat(status.result().orElseThrow().signal()).contains("TERM");
        }
    }

    @Test
    void a_scoped_job_is_killed_once_when_its_use_succeeds_and_the_flow_yields_the_use_value() {
        String sleep = ProcWatch.uniqueSleep();
        List<ProcessAction<?>> performed = new CopyOnWriteArrayList<>();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            String echoed = Runner.of(recording(processes, performed)).run(ProcessAction.scoped("server", Command.of("sleep", sleep),
                    server -> Program.perform(ProcessAction.run(Command.of("echo", "pid " + server.pid())))
                            .map(ProcessResult::stdoutText)));

            assertThat(echoed).startsWith("pid ");
            assertThat(processesCarrying(sleep)).isEmpty();
            assertThat(performed).filteredOn(ProcessAction.Kill.class::isInstance).hasSize(1);
        }
    }

    @Test
    void a_scoped_job_is_killed_once_when_its_use_fails_and_the_flow_fails_with_the_use_error() {
        String sleep = ProcWatch.uniqueSleep();
        List<ProcessAction<?>> performed = new CopyOnWriteArrayList<>();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Try<ProcessResult> outcome = Runner.of(recording(processes, performed)).attempt(ProcessAction.scoped("server",
                    Command.of("sleep", sleep), server -> Program.perform(ProcessAction.run(Command.of("ls", "/nowhere")))));

            assertThat(outcome.getCause()).isInstanceOf(ActionFailedException.class)
                    .cause().isInstanceOf(ProcessFailedException.class).hasMessageStartingWith("`ls /nowhere` exited with 2");
            assertThat(outcome.getCause().getSuppressed()).isEmpty();
            assertThat(processesCarrying(sleep)).isEmpty();
            assertThat(performed).filteredOn(ProcessAction.Kill.class::isInstance).hasSize(1);
        }
    }

    @Test
    void a_scoped_job_whose_command_is_invalid_fails_the_flow_without_use_or_kill() {
        List<ProcessAction<?>> performed = new CopyOnWriteArrayList<>();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Try<String> outcome = Runner.of(recording(processes, performed)).attempt(ProcessAction.scoped("ghost",
                    Command.of("no-such-program-anywhere"), ghost -> Program.pure("used")));

            assertThat(outcome.getCause()).isInstanceOf(ActionFailedException.class).cause().isInstanceOf(InvalidCommandException.class);
            assertThat(performed).hasSize(1).first().isInstanceOf(ProcessAction.Start.class);
        }
    }

    /** {@code processes}, noting each process action it is asked to perform. */
    private static Executor recording(ProcessExecutor processes, List<ProcessAction<?>> performed) {
        return action -> {
            performed.add((ProcessAction<?>) action);
            return processes.execute(action);
        };
    }
}
