package dev.pureflow.interpreters.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Action;
import dev.pureflow.ActionFailedException;
import dev.pureflow.Executor;
import dev.pureflow.FlowTimeoutException;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.fake.VirtualClock;
import dev.pureflow.interpreters.process.OutputLine.Stream;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The scripted process world on a virtual clock: commands matched by argv or predicate, lines at
 * virtual times, timeouts, kills and jobs as the real executor has them, and the same flow giving
 * the same observable result against the fake and the real executor.
 */
class FakeProcessExecutorTest {

    /** Lets virtual time pass inside a flow. */
    record Pause(Duration duration) implements Action<Void> {}

    private final VirtualClock clock = VirtualClock.start();

    @Test
    void a_command_scripted_by_exact_argv_yields_its_output_and_exit_code() {
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(List.of("tar", "czf", "b.tgz", "data"), FakeProcess.exiting(0).printing("a data/x", "a data/y").printingErr("warning"))
                .build();

        ProcessResult result = runner(fake).run(Program.perform(ProcessAction.run(Command.of("tar", "czf", "b.tgz", "data"))));

        assertThat(result.exitCode()).isZero();
        assertThat(result.argv()).containsExactly("tar", "czf", "b.tgz", "data");
        assertThat(result.stdoutLines()).containsExactly("a data/x", "a data/y");
        assertThat(result.stderrText()).isEqualTo("warning\n");
        assertThat(result.signal()).isEmpty();
        assertThat(result.timedOut()).isFalse();
    }

    @Test
    void an_exact_argv_script_does_not_match_other_arguments() {
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(List.of("tar", "czf", "b.tgz", "data"), FakeProcess.exiting(0))
                .build();

        Throwable failure = runner(fake).attempt(Program.perform(ProcessAction.run(Command.of("tar", "czf", "b.tgz", "other")))).getCause();

        assertThat(failure.getCause()).isInstanceOf(InvalidCommandException.class);
    }

    @Test
    void a_command_scripted_by_a_matcher_plays_its_script_and_the_first_match_wins() {
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(command -> command.program().equals("ping"), FakeProcess.exiting(0).printing("pong"))
                .on(command -> true, FakeProcess.exiting(9))
                .build();
        Runner runner = runner(fake);

        assertThat(runner.run(Program.perform(ProcessAction.run(Command.of("ping", "-c", "1", "anywhere")))).stdoutText()).isEqualTo("pong\n");
        assertThat(runner.run(Program.perform(ProcessAction.run(Command.of("other").withSuccessCodes(9)))).exitCode()).isEqualTo(9);
    }

    @Test
    void an_unscripted_command_fails_naming_it_and_what_is_scripted() {
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(List.of("tar", "czf", "b.tgz", "data"), FakeProcess.exiting(0))
                .on(command -> command.program().equals("ping"), FakeProcess.exiting(0))
                .build();

        Throwable failure = runner(fake).attempt(Program.perform(ProcessAction.run(Command.of("git", "push", "--force")))).getCause();

        assertThat(failure).isInstanceOf(ActionFailedException.class);
        assertThat(failure.getCause()).isInstanceOf(InvalidCommandException.class)
                .hasMessage("cannot run [git, push, --force]: the fake has no script for `git push --force`; scripted: `tar czf b.tgz data`, a matcher");
    }

    @Test
    void commands_records_what_ran_and_was_started_in_order() {
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock).on(command -> true, FakeProcess.exiting(0)).build();
        Command first = Command.of("first");
        Command second = Command.of("second", "arg").withEnv("X", "1");

        runner(fake).run(Program.perform(ProcessAction.run(first))
                .andThen(Program.perform(ProcessAction.start("job", second)))
                .andThen(Program.perform(ProcessAction.await("job"))));

        assertThat(fake.commands()).containsExactly(first, second);
    }

    @Test
    void lines_reach_the_listener_at_their_virtual_times_and_the_run_takes_their_total_time() {
        // hours apart: played in real time, the run would trip the hang detector long before its end
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(List.of("ping", "localhost"), FakeProcess.exiting(0).printingEvery(Duration.ofHours(1), "one", "two", "three"))
                .build();
        List<Tuple2<Duration, String>> heard = new CopyOnWriteArrayList<>();
        ProcessListener listener = ProcessListener.onLine(line -> heard.add(Tuple.of(clock.elapsed(), line.text())));

        ProcessResult result = runner(fake).run(Program.perform(ProcessAction.run(Command.of("ping", "localhost"), listener)));

        assertThat(heard).containsExactly(
                Tuple.of(Duration.ofHours(1), "one"), Tuple.of(Duration.ofHours(2), "two"), Tuple.of(Duration.ofHours(3), "three"));
        assertThat(result.duration()).isEqualTo(Duration.ofHours(3));
        assertThat(clock.elapsed()).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void a_listener_hears_started_then_lines_then_exited() {
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(List.of("echo", "hi"), FakeProcess.exiting(0).printing("hi"))
                .build();
        RecordingListener listener = new RecordingListener();

        ProcessResult result = runner(fake).run(Program.perform(ProcessAction.run(Command.of("echo", "hi"), listener)));

        assertThat(listener.events()).containsExactly(
                new RecordingListener.Event.Started(result.pid()),
                new RecordingListener.Event.Line(new OutputLine(Stream.STDOUT, "hi")),
                new RecordingListener.Event.Exited(result));
    }

    @Test
    void a_job_read_at_virtual_times_returns_the_lines_written_since_the_previous_read() {
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(List.of("ping", "localhost"), FakeProcess.exiting(0).printingEvery(Duration.ofSeconds(1), "one", "two", "three"))
                .build();
        Program<List<JobStatus>> flow = Program.perform(ProcessAction.start("pinger", Command.of("ping", "localhost")))
                .andThen(pause(Duration.ofMillis(1500)))
                .andThen(Program.perform(ProcessAction.readOutput("pinger")))
                .flatMap(first -> pause(Duration.ofSeconds(2))
                        .andThen(Program.perform(ProcessAction.readOutput("pinger")))
                        .map(second -> List.of(first, second)));

        List<JobStatus> reads = runnerWithPauses(fake).run(flow);

        assertThat(reads.get(0).newLines()).extracting(OutputLine::text).containsExactly("one");
        assertThat(reads.get(0).running()).isTrue();
        assertThat(reads.get(1).newLines()).extracting(OutputLine::text).containsExactly("two", "three");
        assertThat(reads.get(1).running()).isFalse();
        assertThat(reads.get(1).result().orElseThrow().duration()).isEqualTo(Duration.ofSeconds(3));
        assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(3500));
    }

    @Test
    void a_job_streams_lines_to_its_listener_at_virtual_times_and_await_waits_in_virtual_time() {
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(List.of("build"), FakeProcess.exiting(0).printing("compiling").pausing(Duration.ofMinutes(2)).printing("done"))
                .build();
        List<Tuple2<Duration, String>> heard = new CopyOnWriteArrayList<>();
        ProcessListener listener = ProcessListener.onLine(line -> heard.add(Tuple.of(clock.elapsed(), line.text())));

        ProcessResult result = runner(fake).run(Program.perform(ProcessAction.start("build", Command.of("build"), listener))
                .andThen(Program.perform(ProcessAction.await("build"))));

        assertThat(heard).containsExactly(Tuple.of(Duration.ZERO, "compiling"), Tuple.of(Duration.ofMinutes(2), "done"));
        assertThat(result.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(clock.elapsed()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void a_timeout_is_honoured_in_virtual_time_with_term_and_the_output_until_then() {
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(List.of("slow"), FakeProcess.exiting(0).printingEvery(Duration.ofSeconds(4), "a", "b", "c", "d"))
                .build();
        Command slow = Command.of("slow").withTimeout(Duration.ofSeconds(10));

        Throwable failure = runner(fake).attempt(Program.perform(ProcessAction.run(slow))).getCause();

        assertThat(failure.getCause()).isInstanceOf(ProcessTimeoutException.class).hasMessageContaining("did not finish within PT10S");
        ProcessResult result = ((ProcessTimeoutException) failure.getCause()).result();
        assertThat(result.timedOut()).isTrue();
        assertThat(result.signal()).contains("TERM");
        assertThat(result.exitCode()).isEqualTo(128 + 15);
        assertThat(result.stdoutLines()).containsExactly("a", "b");
        assertThat(result.duration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void a_timed_out_process_ignoring_term_is_killed_after_the_grace_in_virtual_time() {
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(List.of("stubborn"), FakeProcess.exiting(0).pausing(Duration.ofHours(1)).ignoringTerm())
                .build();
        Command stubborn = Command.of("stubborn").withTimeout(Duration.ofSeconds(10)).withKillGrace(Duration.ofSeconds(3));

        Throwable failure = runner(fake).attempt(Program.perform(ProcessAction.run(stubborn))).getCause();

        ProcessResult result = ((ProcessTimeoutException) failure.getCause()).result();
        assertThat(result.signal()).contains("KILL");
        assertThat(result.exitCode()).isEqualTo(128 + 9);
        assertThat(result.duration()).isEqualTo(Duration.ofSeconds(13));
    }

    @Test
    void a_process_that_ends_within_its_timeout_is_not_flagged() {
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(List.of("quick"), FakeProcess.exiting(0).pausing(Duration.ofSeconds(9)).printing("ok"))
                .build();

        ProcessResult result = runner(fake).run(Program.perform(ProcessAction.run(Command.of("quick").withTimeout(Duration.ofSeconds(10)))));

        assertThat(result.timedOut()).isFalse();
        assertThat(result.stdoutText()).isEqualTo("ok\n");
    }

    @Test
    void killing_a_job_ends_it_with_term_keeping_the_lines_so_far() {
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(List.of("tail", "-f", "log"), FakeProcess.exiting(0).printingEvery(Duration.ofSeconds(1), "1", "2", "3", "4", "5"))
                .build();

        ProcessResult killed = runnerWithPauses(fake).run(Program.perform(ProcessAction.start("tail", Command.of("tail", "-f", "log")))
                .andThen(pause(Duration.ofMillis(2500)))
                .andThen(Program.perform(ProcessAction.kill("tail"))));

        assertThat(killed.signal()).contains("TERM");
        assertThat(killed.exitCode()).isEqualTo(128 + 15);
        assertThat(killed.stdoutLines()).containsExactly("1", "2");
        assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(2500));
    }

    @RepeatedTest(20)
    void killing_a_job_right_after_its_start_ends_it_at_once() {
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(List.of("server"), FakeProcess.exiting(0).pausing(Duration.ofHours(1)).printing("served"))
                .build();

        ProcessResult killed = runner(fake).run(Program.perform(ProcessAction.start("server", Command.of("server")))
                .andThen(Program.perform(ProcessAction.kill("server"))));

        assertThat(killed.signal()).contains("TERM");
        assertThat(killed.stdoutText()).isEmpty();
        assertThat(clock.elapsed()).isEqualTo(Duration.ZERO);
    }

    @Test
    void killing_a_job_that_ignores_term_waits_the_grace_in_virtual_time_then_kills() {
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(List.of("daemon"), FakeProcess.exiting(0).pausing(Duration.ofHours(1)).ignoringTerm())
                .build();

        ProcessResult killed = runner(fake).run(Program.perform(ProcessAction.start("daemon", Command.of("daemon")))
                .andThen(Program.perform(new ProcessAction.Kill("daemon", Optional.of(Duration.ofSeconds(5))))));

        assertThat(killed.signal()).contains("KILL");
        assertThat(killed.exitCode()).isEqualTo(128 + 9);
        assertThat(killed.duration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void killing_an_ended_job_returns_its_result_unchanged() {
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(List.of("echo", "hi"), FakeProcess.exiting(0).printing("hi"))
                .build();
        Runner runner = runner(fake);
        ProcessResult ended = runner.run(Program.perform(ProcessAction.start("echo", Command.of("echo", "hi")))
                .andThen(Program.perform(ProcessAction.await("echo"))));

        ProcessResult killed = runner.run(Program.perform(ProcessAction.kill("echo")));

        assertThat(killed).isEqualTo(ended);
        assertThat(killed.signal()).isEmpty();
    }

    @Test
    void jobs_of_the_fake_are_listed_and_unknown_ids_name_the_known_ones() {
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock).on(command -> true, FakeProcess.exiting(0).pausing(Duration.ofMinutes(1))).build();
        Runner runner = runner(fake);
        runner.run(Program.perform(ProcessAction.start("alpha", Command.of("a"))));

        assertThat(runner.run(Program.perform(ProcessAction.listJobs()))).extracting(status -> status.job().id()).containsExactly("alpha");
        assertThat(runner.attempt(Program.perform(ProcessAction.readOutput("beta"))).getCause().getCause())
                .isInstanceOf(NoSuchJobException.class).hasMessage("no job 'beta'; known jobs: alpha");
        fake.close();
        assertThat(runner.run(Program.perform(ProcessAction.readOutput("alpha"))).running()).isFalse();
    }

    @Test
    void a_non_success_exit_code_fails_with_the_scripted_stderr() {
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(List.of("deploy"), FakeProcess.exiting(2).printingErr("permission denied"))
                .build();

        Throwable failure = runner(fake).attempt(Program.perform(ProcessAction.run(Command.of("deploy")))).getCause();

        assertThat(failure.getCause()).isInstanceOf(ProcessFailedException.class)
                .hasMessage("`deploy` exited with 2 (success: [0]); stderr: permission denied");
    }

    @Test
    void a_run_cancelled_by_its_deadline_ends_its_fake_process_at_that_virtual_time() {
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(List.of("forever"), FakeProcess.exiting(0).printing("begun").pausing(Duration.ofDays(1)))
                .build();
        RecordingListener listener = new RecordingListener();
        Runner runner = runner(fake).with(options -> options.timeout(Duration.ofHours(1)));

        Throwable failure = runner.attempt(Program.perform(ProcessAction.run(Command.of("forever"), listener))).getCause();

        assertThat(failure).isInstanceOf(FlowTimeoutException.class);
        assertThat(clock.elapsed()).isEqualTo(Duration.ofHours(1));
        ProcessResult ended = ((RecordingListener.Event.Exited) listener.events().getLast()).result();
        assertThat(ended.signal()).contains("TERM");
        assertThat(ended.stdoutLines()).containsExactly("begun");
        assertThat(ended.duration()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void the_same_flow_gives_the_same_observable_result_against_the_fake_and_the_real_executor() {
        Program<String> flow = Program.perform(ProcessAction.run(Command.of("echo", "hello", "world")))
                .flatMap(greeting -> Program.perform(ProcessAction.start("counter", Command.of("sh", "-c", "echo 1; echo 2; exit 3"))))
                .andThen(Program.perform(ProcessAction.await("counter")))
                .flatMap(counted -> Program.perform(ProcessAction.readOutput("counter"))
                        .map(status -> "exit " + counted.exitCode() + ", lines " + status.newLines().stream().map(OutputLine::text).toList()
                                + ", stdout " + counted.stdoutLines()))
                .flatMap(summary -> Program.perform(ProcessAction.run(Command.of("echo", "hello", "world")))
                        .map(greeting -> greeting.stdoutText().strip() + "; " + summary));
        FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
                .on(List.of("echo", "hello", "world"), FakeProcess.exiting(0).printing("hello world"))
                .on(List.of("sh", "-c", "echo 1; echo 2; exit 3"), FakeProcess.exiting(3).printing("1", "2"))
                .build();

        String onFake = runner(fake).run(flow);
        String onReal;
        try (ProcessExecutor real = ProcessExecutor.create()) {
            onReal = Runner.of(real).run(flow);
        }

        assertThat(onFake).isEqualTo(onReal).isEqualTo("hello world; exit 3, lines [1, 2], stdout [1, 2]");
    }

    private Runner runner(FakeProcessExecutor fake) {
        return Runner.of(fake).with(options -> options.clock(clock));
    }

    /** A runner that also knows {@link Pause}, which sleeps on the virtual clock. */
    private Runner runnerWithPauses(FakeProcessExecutor fake) {
        Executor pauses = Executor.of(Pause.class, pause -> {
            clock.sleep(pause.duration());
            return null;
        });
        return Runner.of(Executor.routing().route(ProcessAction.class, fake).route(Pause.class, pauses).build())
                .with(options -> options.clock(clock));
    }

    private static Program<Void> pause(Duration duration) {
        return Program.perform(new Pause(duration));
    }
}
