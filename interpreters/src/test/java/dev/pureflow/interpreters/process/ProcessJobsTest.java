package dev.pureflow.interpreters.process;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.ActionFailedException;
import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.process.OutputLine.Stream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Background jobs: start, read, await, kill, list, the store of ended jobs, and closing the executor. */
class ProcessJobsTest {

    @TempDir
    Path directory;

    @Test
    void read_output_returns_only_the_lines_written_since_the_previous_read() throws Exception {
        Path fifo = ProcWatch.fifo(directory.resolve("stdin"));
        RecordingListener listener = new RecordingListener();
        Command stepper = Command.shell("echo one; read a; echo two; echo three; read b; echo four").withStdin(Stdin.file(fifo));
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            Job job = runner.run(Program.perform(ProcessAction.start("stepper", stepper, listener)));
            assertThat(job.id()).isEqualTo("stepper");
            assertThat(job.argv()).isEqualTo(stepper.argv());
            assertThat(job.pid()).isEqualTo(listener.awaitStart());

            try (OutputStream stdin = Files.newOutputStream(fifo)) {
                listener.awaitLine("one");
                assertThat(read(runner, "stepper").newLines()).containsExactly(out("one"));
                assertThat(read(runner, "stepper").newLines()).isEmpty();

                stdin.write("go\n".getBytes(StandardCharsets.US_ASCII));
                stdin.flush();
                listener.awaitLine("three");
                JobStatus second = read(runner, "stepper");
                assertThat(second.newLines()).containsExactly(out("two"), out("three"));
                assertThat(second.running()).isTrue();
            }
            ProcessResult result = runner.run(Program.perform(ProcessAction.await("stepper")));
            JobStatus last = read(runner, "stepper");
            assertThat(last.newLines()).containsExactly(out("four"));
            assertThat(last.running()).isFalse();
            assertThat(last.result()).contains(result);
            assertThat(result.stdoutLines()).containsExactly("one", "two", "three", "four");
            assertThat(read(runner, "stepper").newLines()).isEmpty();
        }
    }

    @Test
    void await_yields_the_result_whatever_the_exit_code() throws Exception {
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            runner.run(Program.perform(ProcessAction.start("failing", Command.shell("echo oops >&2; exit 3"))));

            ProcessResult result = runner.run(Program.perform(ProcessAction.await("failing")));

            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(result.stderrText()).isEqualTo("oops\n");
        }
    }

    @Test
    void a_job_past_its_timeout_is_killed_even_if_nobody_awaits_it() throws Exception {
        String sleep = ProcWatch.uniqueSleep();
        RecordingListener listener = new RecordingListener();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            runner.run(Program.perform(ProcessAction.start("bounded", Command.of("sleep", sleep).withTimeout(Duration.ofMillis(300)), listener)));

            ProcWatch.eventually("the job to end", () -> listener.events().getLast(), event -> event instanceof RecordingListener.Event.Exited);
            assertThat(ProcWatch.processesCarrying(sleep)).isEmpty();
            ProcessResult result = runner.run(Program.perform(ProcessAction.await("bounded")));
            assertThat(result.timedOut()).isTrue();
            assertThat(result.signal()).contains("TERM");
            assertThat(result.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void list_jobs_shows_running_and_ended_jobs() throws Exception {
        String sleep = ProcWatch.uniqueSleep();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            runner.run(Program.perform(ProcessAction.start("done", Command.of("echo", "hi"))));
            runner.run(Program.perform(ProcessAction.await("done")));
            runner.run(Program.perform(ProcessAction.start("sleeper", Command.of("sleep", sleep))));

            List<JobStatus> jobs = runner.run(Program.perform(ProcessAction.listJobs()));

            assertThat(jobs).extracting(status -> status.job().id()).containsExactlyInAnyOrder("done", "sleeper");
            JobStatus done = jobs.stream().filter(status -> status.job().id().equals("done")).findFirst().orElseThrow();
            JobStatus sleeper = jobs.stream().filter(status -> status.job().id().equals("sleeper")).findFirst().orElseThrow();
            assertThat(done.running()).isFalse();
            assertThat(done.result().orElseThrow().stdoutText()).isEqualTo("hi\n");
            assertThat(done.newLines()).isEmpty();
            assertThat(sleeper.running()).isTrue();
            assertThat(sleeper.job().argv()).containsExactly("sleep", sleep);
        }
        assertThat(ProcWatch.processesCarrying(sleep)).isEmpty();
    }

    @Test
    void a_job_id_in_use_by_a_running_or_an_ended_job_is_rejected() throws Exception {
        String sleep = ProcWatch.uniqueSleep();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            runner.run(Program.perform(ProcessAction.start("busy", Command.of("sleep", sleep))));
            runner.run(Program.perform(ProcessAction.start("over", Command.of("true"))));
            runner.run(Program.perform(ProcessAction.await("over")));

            assertThatThrownBy(() -> runner.run(Program.perform(ProcessAction.start("busy", Command.of("true")))))
                    .isInstanceOf(ActionFailedException.class)
                    .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'busy' already exists");
            assertThatThrownBy(() -> runner.run(Program.perform(ProcessAction.start("over", Command.of("true")))))
                    .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'over' already exists");
            assertThat(ProcWatch.processesCarrying(sleep)).hasSize(1); // the rejected start started nothing
        }
    }

    @Test
    void an_unknown_job_id_fails_naming_the_known_jobs() throws Exception {
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            assertThatThrownBy(() -> runner.run(Program.perform(ProcessAction.readOutput("ghost"))))
                    .cause().isInstanceOf(NoSuchJobException.class).hasMessage("no job 'ghost'; there are no jobs");

            runner.run(Program.perform(ProcessAction.start("alpha", Command.of("true"))));
            runner.run(Program.perform(ProcessAction.await("alpha")));
            runner.run(Program.perform(ProcessAction.start("beta", Command.of("true"))));

            List<Program<?>> actionsOnGhost = List.of(Program.perform(ProcessAction.readOutput("ghost")),
                    Program.perform(ProcessAction.await("ghost")), Program.perform(ProcessAction.kill("ghost")));
            for (Program<?> action : actionsOnGhost) {
                assertThatThrownBy(() -> runner.run(action))
                        .cause().isInstanceOf(NoSuchJobException.class)
                        .hasMessageContaining("no job 'ghost'").hasMessageContaining("alpha").hasMessageContaining("beta");
            }
        }
    }

    @Test
    void a_start_that_fails_validation_leaves_its_id_free() throws Exception {
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            assertThatThrownBy(() -> runner.run(Program.perform(ProcessAction.start("j", Command.of("no-such-program-pureflow")))))
                    .cause().isInstanceOf(InvalidCommandException.class);

            assertThat(runner.run(Program.perform(ProcessAction.listJobs()))).isEmpty();
            runner.run(Program.perform(ProcessAction.start("j", Command.of("true"))));
            assertThat(runner.run(Program.perform(ProcessAction.await("j"))).exitCode()).isZero();
        }
    }

    @Test
    void the_hundred_most_recently_ended_jobs_are_kept_and_the_oldest_is_forgotten_first() throws Exception {
        int jobs = ProcessExecutor.ENDED_JOBS_KEPT + 2;
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            for (int i = 0; i < jobs; i++) {
                String id = "t-" + i;
                runner.run(Program.perform(ProcessAction.start(id, Command.of("true"))).andThen(Program.perform(ProcessAction.await(id))));
            }

            List<JobStatus> kept = runner.run(Program.perform(ProcessAction.listJobs()));
            assertThat(kept).hasSize(ProcessExecutor.ENDED_JOBS_KEPT);
            assertThat(kept).extracting(status -> status.job().id())
                    .containsExactlyElementsOf(IntStream.range(2, jobs).mapToObj(i -> "t-" + i).toList());
            for (String forgotten : List.of("t-0", "t-1")) {
                assertThatThrownBy(() -> runner.run(Program.perform(ProcessAction.readOutput(forgotten))))
                        .cause().isInstanceOf(NoSuchJobException.class);
            }
            assertThat(runner.run(Program.perform(ProcessAction.readOutput("t-2"))).result()).isPresent();
        }
    }

    @Test
    void a_job_that_await_saw_end_is_at_once_the_newest_of_the_ended_jobs() {
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            for (int i = 0; i < 300; i++) {
                String id = "t-" + i;
                List<JobStatus> jobs = runner.run(Program.perform(ProcessAction.start(id, Command.of("true")))
                        .andThen(Program.perform(ProcessAction.await(id)))
                        .andThen(Program.perform(ProcessAction.listJobs())));

                assertThat(jobs).as("jobs listed after awaiting %s", id).hasSize(Math.min(i + 1, ProcessExecutor.ENDED_JOBS_KEPT));
                assertThat(jobs.getLast().job().id()).as("the newest ended job after awaiting %s", id).isEqualTo(id);
            }
        }
    }

    @Test
    void killing_an_ended_job_does_nothing_and_returns_its_result() throws Exception {
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            runner.run(Program.perform(ProcessAction.start("quick", Command.of("echo", "hi"))));
            ProcessResult ended = runner.run(Program.perform(ProcessAction.await("quick")));

            ProcessResult killed = runner.run(Program.perform(ProcessAction.kill("quick")));
            ProcessResult killedAgain = runner.run(Program.perform(new ProcessAction.Kill("quick", Optional.of(Duration.ZERO))));

            assertThat(killed).isEqualTo(ended).isEqualTo(killedAgain);
            assertThat(killed.signal()).isEmpty();
            assertThat(killed.exitCode()).isZero();
            assertThat(killed.stdoutText()).isEqualTo("hi\n");
        }
    }

    @RepeatedTest(10)
    void a_killed_job_reports_the_term_that_ended_it() throws Exception {
        String sleep = ProcWatch.uniqueSleep();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            runner.run(Program.perform(ProcessAction.start("sleeper", Command.of("sleep", sleep))));

            ProcessResult killed = runner.run(Program.perform(ProcessAction.kill("sleeper")));

            assertThat(killed.signal()).contains("TERM");
            assertThat(killed.exitCode()).isEqualTo(128 + 15);
            assertThat(killed.timedOut()).isFalse();
            assertThat(ProcWatch.processesCarrying(sleep)).isEmpty();
        }
    }

    @Test
    void a_killed_job_that_ignores_term_is_killed_after_the_given_grace() throws Exception {
        String sleep = ProcWatch.uniqueSleep();
        RecordingListener listener = new RecordingListener();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            runner.run(Program.perform(ProcessAction.start("stubborn",
                    Command.of("sh", ProcWatch.script("ignores-term.sh").toString(), sleep), listener)));
            listener.awaitLine("ready");
            ProcWatch.eventually("the stubborn sleep to start", () -> ProcWatch.processesCarrying(sleep), pids -> pids.size() == 2);

            long start = System.nanoTime();
            ProcessResult killed = runner.run(Program.perform(new ProcessAction.Kill("stubborn", Optional.of(Duration.ofMillis(300)))));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(killed.stdoutLines()).containsExactly("ready", "got TERM");
            assertThat(killed.signal()).contains("KILL");
            assertThat(killed.exitCode()).isEqualTo(128 + 9);
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(ProcWatch.processesCarrying(sleep)).isEmpty();
        }
    }

    @Test
    void closing_the_executor_kills_its_live_jobs_and_refuses_to_start_or_run_another() throws Exception {
        String sleep = ProcWatch.uniqueSleep();
        ProcessExecutor processes = ProcessExecutor.create();
        Runner runner = Runner.of(processes);
        try {
            runner.run(Program.perform(ProcessAction.start("one", Command.of("sleep", sleep))));
            runner.run(Program.perform(ProcessAction.start("two", Command.shell("sleep " + sleep + "; :"))));
            ProcWatch.eventually("both jobs' processes running", () -> ProcWatch.processesCarrying(sleep), pids -> pids.size() == 3);
        } finally {
            processes.close();
        }

        assertThat(ProcWatch.processesCarrying(sleep)).isEmpty();
        assertThatThrownBy(() -> runner.run(Program.perform(ProcessAction.start("three", Command.of("true")))))
                .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        // a plain run is refused the same way, naming the command, and nothing is spawned
        assertThatThrownBy(() -> runner.run(Program.perform(ProcessAction.run(Command.of("sleep", sleep)))))
                .cause().isInstanceOf(IllegalStateException.class)
                .hasMessage("the process executor is closed; cannot perform Run[sleep " + sleep + "]");
        assertThat(ProcWatch.processesCarrying(sleep)).isEmpty();
    }

    @Test
    void closing_the_executor_kills_a_run_in_progress() throws Exception {
        String sleep = ProcWatch.uniqueSleep();
        RecordingListener listener = new RecordingListener();
        ProcessExecutor processes = ProcessExecutor.create();
        RunHandle<ProcessResult> handle;
        try {
            handle = Runner.of(processes).start(Program.perform(ProcessAction.run(Command.of("sleep", sleep), listener)));
            listener.awaitStart();
        } finally {
            processes.close();
        }

        assertThat(ProcWatch.processesCarrying(sleep)).isEmpty();
        assertThatThrownBy(handle::await).cause().isInstanceOf(ProcessFailedException.class);
    }

    @Test
    void jobs_started_at_once_without_ids_get_distinct_generated_ids() throws Exception {
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes.with(parallelize(16)));

            var jobs = runner.run(Program.parTraverse(IntStream.range(0, 64).boxed().toList(),
                    i -> Program.perform(ProcessAction.start(Command.of("echo", "job " + i)))));

            assertThat(jobs.map(Job::id).distinct()).hasSize(64);
            for (Job job : jobs) {
                assertThat(runner.run(Program.perform(ProcessAction.await(job.id()))).stdoutText())
                        .isEqualTo(job.argv().get(1) + "\n");
            }
        }
    }

    @Test
    void a_job_keeps_only_its_newest_hundred_thousand_unread_lines_dropping_the_oldest_first() throws Exception {
        int written = JobTable.UNREAD_LINES_KEPT + 5;
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            runner.run(Program.perform(ProcessAction.start("counter", Command.of("seq", Integer.toString(written)))));
            ProcessResult result = runner.run(Program.perform(ProcessAction.await("counter")));

            List<OutputLine> unread = read(runner, "counter").newLines();

            assertThat(result.stdoutLines()).as("the result keeps every line").hasSize(written);
            assertThat(unread).hasSize(JobTable.UNREAD_LINES_KEPT);
            assertThat(unread.getFirst()).isEqualTo(out("6"));
            assertThat(unread.getLast()).isEqualTo(out(Integer.toString(written)));
            assertThat(read(runner, "counter").newLines()).isEmpty();
        }
    }

    private static JobStatus read(Runner runner, String id) {
        return runner.run(Program.perform(ProcessAction.readOutput(id)));
    }

    private static OutputLine out(String text) {
        return new OutputLine(Stream.STDOUT, text);
    }
}
