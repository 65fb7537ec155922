package dev.pureflow.testkit;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Clock;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.fake.FakeExecutor;
import dev.pureflow.interpreters.fake.VirtualClock;
import dev.pureflow.interpreters.process.Command;
import dev.pureflow.interpreters.process.Environment;
import dev.pureflow.interpreters.process.Job;
import dev.pureflow.interpreters.process.JobStatus;
import dev.pureflow.interpreters.process.OutputLine;
import dev.pureflow.interpreters.process.ProcessAction;
import dev.pureflow.interpreters.process.ProcessExecutor;
import dev.pureflow.interpreters.process.ProcessFailedException;
import dev.pureflow.interpreters.process.ProcessListener;
import dev.pureflow.interpreters.process.ProcessResult;
import dev.pureflow.interpreters.process.Stdin;
import dev.pureflow.testkit.Ops.Fetch;
import dev.pureflow.testkit.Ops.ListKeys;
import dev.pureflow.testkit.Ops.Put;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordReplayTest {

    @TempDir
    Path dir;

    static Executor store() {
        Map<String, String> values = new ConcurrentHashMap<>();
        return FakeExecutor.builder()
                .on(Put.class, put -> {
                    values.put(put.key(), put.value());
                    return null;
                })
                .on(Fetch.class, fetch -> {
                    String value = values.get(fetch.key());
                    if (value == null) {
                        throw new IOException("no key " + fetch.key());
                    }
                    return value;
                })
                .on(ListKeys.class, list -> values.keySet().stream().sorted().toList())
                .build();
    }

    static Program<String> putThenFetch(String key, String value, String fetched) {
        return Program.perform(new Put(key, value)).andThen(Program.perform(new Fetch(fetched)));
    }

    <A> Try<A> record(Program<A> flow, Executor world, Path file, Clock clock) throws IOException {
        try (Recorder recorder = Recorder.to(file, clock)) {
            return Runner.of(world.with(recorder)).with(options -> options.clock(clock)).attempt(flow);
        }
    }

    @Test
    void a_recorded_run_replays_without_the_world_with_the_same_answers() throws IOException {
        Path file = dir.resolve("run.jsonl");
        Program<List<String>> flow = putThenFetch("a", "1", "a").andThen(Program.perform(new ListKeys()));
        Try<List<String>> recorded = record(flow, store(), file, VirtualClock.start());

        assertThat(Files.readAllLines(file)).hasSize(3).first().asString()
                .isEqualTo("{\"step\":1,\"action\":\"dev.pureflow.testkit.Ops$Put\",\"input\":{\"key\":\"a\",\"value\":\"1\"},"
                        + "\"resultType\":null,\"result\":null,\"duration\":\"PT0S\"}");
        try (Replay replay = Replay.from(file)) {
            assertThat(Runner.of(replay).run(flow)).isEqualTo(recorded.get()).containsExactly("a");
            assertThat(replay.replayed()).isEqualTo(3);
        }
    }

    @Test
    void a_recorded_io_exception_replays_as_an_io_exception_with_its_message() throws IOException {
        Path file = dir.resolve("error.jsonl");
        Program<String> flow = Program.perform(new Fetch("missing"));
        record(flow, store(), file, VirtualClock.start());

        try (Replay replay = Replay.from(file)) {
            assertThat(Runner.of(replay).attempt(flow).getCause()).cause()
                    .isInstanceOf(IOException.class).hasMessage("no key missing");
        }
    }

    /** Runs {@code script}; on a process failure, says what its exit code was. */
    static Program<String> exitCodeOf(String script) {
        return Program.perform(ProcessAction.run(Command.shell(script)))
                .map(result -> "succeeded")
                .recover(error -> error.getCause() instanceof ProcessFailedException failed
                        ? "exited with " + failed.result().exitCode() + ", stderr " + failed.result().stderrText().strip()
                        : "failed otherwise: " + error.getCause());
    }

    @Test
    void a_flow_that_branches_on_a_process_exit_code_behaves_the_same_recorded_and_replayed() throws IOException {
        Path file = dir.resolve("exit-code.jsonl");
        Program<String> flow = exitCodeOf("echo oops >&2; exit 3");
        String recorded;
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            recorded = record(flow, processes, file, Clock.system()).get();
        }

        assertThat(recorded).isEqualTo("exited with 3, stderr oops");
        try (Replay replay = Replay.from(file)) {
            assertThat(Runner.of(replay).run(flow)).isEqualTo(recorded);
        }
    }

    /** An exception no public constructor can make again. */
    static final class Unrebuildable extends RuntimeException {
        private Unrebuildable(int code) {
            super("code " + code);
        }
    }

    @Test
    void an_error_that_cannot_be_made_again_replays_as_a_stand_in_naming_its_class() throws IOException {
        Path file = dir.resolve("unrebuildable.jsonl");
        Program<String> flow = Program.perform(new Fetch("k"));
        record(flow, FakeExecutor.builder().on(Fetch.class, fetch -> {
            throw new Unrebuildable(7);
        }).build(), file, VirtualClock.start());

        try (Replay replay = Replay.from(file)) {
            assertThat(Runner.of(replay).attempt(flow).getCause()).cause()
                    .isInstanceOfSatisfying(ReplayedFailureException.class,
                            standIn -> assertThat(standIn.recordedType()).isEqualTo(Unrebuildable.class.getName()))
                    .hasMessage(Unrebuildable.class.getName() + ": code 7");
        }
    }

    @Test
    void a_flow_that_performs_another_action_fails_naming_the_step_and_both_actions() throws IOException {
        Path file = dir.resolve("diverge.jsonl");
        record(putThenFetch("a", "1", "a"), store(), file, VirtualClock.start());

        Replay replay = Replay.from(file);
        assertThat(Runner.of(replay).attempt(putThenFetch("a", "1", "b")).isFailure()).isTrue();
        assertThatThrownBy(replay::verify)
                .isInstanceOfSatisfying(ReplayDivergedException.class, diverged -> {
                    assertThat(diverged.step()).isEqualTo(2);
                    assertThat(diverged.recorded()).contains(new Fetch("a"));
                    assertThat(diverged.actual()).contains(new Fetch("b"));
                })
                .hasMessage("replay diverged at step 2:\n  recorded: Fetch[key=a]\n  actual:   Fetch[key=b]");
    }

    @Test
    void a_divergence_is_reported_even_when_the_flow_recovers_from_it() throws IOException {
        Path file = dir.resolve("recovered.jsonl");
        record(putThenFetch("a", "1", "a"), store(), file, VirtualClock.start());

        Replay replay = Replay.from(file);
        Program<String> forgiving = Program.perform(new Put("a", "2")).andThen(Program.perform(new Fetch("a")))
                .recover(error -> "fallback");
        assertThat(Runner.of(replay).run(forgiving)).isEqualTo("fallback");
        assertThatThrownBy(replay::close).isInstanceOf(ReplayDivergedException.class)
                .hasMessageContaining("step 1").hasMessageContaining("recorded: Put[key=a, value=1]");
    }

    @Test
    void extra_and_missing_steps_are_divergences_too() throws IOException {
        Path file = dir.resolve("short.jsonl");
        record(Program.perform(new Put("a", "1")), store(), file, VirtualClock.start());

        Replay longer = Replay.from(file);
        Runner.of(longer).attempt(putThenFetch("a", "1", "a"));
        assertThatThrownBy(longer::verify).hasMessage(
                "replay diverged at step 2: the recording has 1 steps and ended, but the flow performed\n  Fetch[key=a]");

        Replay shorter = Replay.from(file);
        Runner.of(shorter).run(Program.pure("nothing"));
        assertThatThrownBy(shorter::verify).hasMessage(
                "replay diverged at step 1: the flow ended after 0 of 1 recorded steps; the next was\n  Put[key=a, value=1]");
    }

    @Test
    void recorded_durations_replay_in_virtual_time() throws IOException {
        Path file = dir.resolve("timed.jsonl");
        VirtualClock recording = VirtualClock.start();
        Executor slow = FakeExecutor.builder().on(Ops.class, op -> op instanceof Fetch ? "v" : null)
                .latency(Duration.ofSeconds(2), recording).build();
        record(putThenFetch("a", "1", "a"), slow, file, recording);

        VirtualClock replaying = VirtualClock.start();
        try (Replay replay = Replay.from(file).timedOn(replaying)) {
            Runner.of(replay).with(options -> options.clock(replaying)).run(putThenFetch("a", "1", "a"));
        }
        assertThat(replaying.elapsed()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void a_parallel_recording_replays_in_any_order() throws IOException {
        Path file = dir.resolve("parallel.jsonl");
        Program<io.vavr.collection.List<String>> flow = Program.parallel(putThenFetch("a", "1", "a"), putThenFetch("b", "2", "b"));
        record(flow, store().with(parallelize(2)).with(Schedule.seeded(3).ordering(VirtualClock.start())), file, Clock.system());

        try (Replay replay = Replay.from(file).inAnyOrder()) {
            assertThat(Runner.of(replay).run(flow)).containsExactly("1", "2");
        }
    }

    static final Instant STARTED = Instant.parse("2026-01-01T00:00:01Z");

    static ProcessResult result(String out) {
        return new ProcessResult(List.of("sh", "-c", "x"), 42, 3, Optional.of("TERM"), true,
                out.getBytes(StandardCharsets.UTF_8), new byte[] {0, -1, 10}, false, true, StandardCharsets.ISO_8859_1,
                Duration.ofMillis(1234));
    }

    @Test
    void the_built_in_process_actions_and_their_results_round_trip() throws IOException {
        Command command = Command.shell("cat; exit 3")
                .withDirectory(Path.of("/tmp"))
                .withEnvironment(Environment.exactly(Map.of("A", "1")).without("B"))
                .withStdin(Stdin.bytes(new byte[] {1, 2, 3}))
                .withTimeout(Duration.ofSeconds(5))
                .withCharset(StandardCharsets.UTF_16)
                .withSuccessCodes(0, 3)
                .withOutputLimit(1024)
                .withKillGrace(Duration.ofMillis(10));
        Job job = new Job("pinger", 7, List.of("ping"), STARTED);
        JobStatus status = new JobStatus(job, List.of(new OutputLine(OutputLine.Stream.STDERR, "pong")), Optional.of(result("done")));
        ProcessListener listening = ProcessListener.onLine(line -> {});
        List<ProcessAction<?>> actions = List.of(
                ProcessAction.run(command, listening),
                ProcessAction.run(Command.of("echo", "hi").withStdin(Stdin.text("in")).withStdin(Stdin.file(Path.of("/etc/hosts")))),
                ProcessAction.start("pinger", command, listening),
                ProcessAction.start(Command.of("sleep", "1")),
                ProcessAction.readOutput("pinger"),
                ProcessAction.await("pinger"),
                new ProcessAction.Kill("pinger", Optional.of(Duration.ofSeconds(1))),
                ProcessAction.listJobs());
        Executor fake = Executor.of(ProcessAction.class, action -> switch (action) {
            case ProcessAction.Run run -> result("ran");
            case ProcessAction.Start start -> job;
            case ProcessAction.ReadOutput read -> status;
            case ProcessAction.Await await -> result("awaited");
            case ProcessAction.Kill kill -> result("killed");
            case ProcessAction.ListJobs list -> List.of(status, new JobStatus(job, List.of(), Optional.empty()));
        });
        Path file = dir.resolve("processes.jsonl");
        Program<io.vavr.collection.List<Object>> flow = Program.traverse(actions, action -> Program.perform(action).map(answer -> (Object) answer));
        Try<io.vavr.collection.List<Object>> answers = record(flow, fake, file, VirtualClock.start());

        List<RecordedStep> read = Replay.read(file);
        assertThat(read).extracting(RecordedStep::outcome).extracting(Try::get).containsExactlyElementsOf(answers.get());
        assertThat(read.get(1).action()).isEqualTo(actions.get(1));
        assertThat(read.get(3).action()).isEqualTo(actions.get(3));
        assertThat(read.subList(4, 8)).extracting(RecordedStep::action).containsExactlyElementsOf(actions.subList(4, 8));
        ProcessAction.Run run = (ProcessAction.Run) read.get(0).action();
        // environment values and stdin are secrets: read back masked, everything else as it was
        assertThat(run.command()).isEqualTo(command
                .withEnvironment(Environment.exactly(Map.of("A", "***")).without("B"))
                .withStdin(Stdin.bytes(new byte[0])));
        assertThat(run.listener()).isSameAs(ProcessListener.NONE); // listeners are not data: not recorded
        assertThat(((ProcessAction.Start) read.get(2).action()).id()).contains("pinger");
        try (Replay replay = Replay.from(file)) {
            assertThat(Runner.of(replay).run(flow)).isEqualTo(answers.get());
        }
    }

    @Test
    void a_run_against_real_processes_replays_without_them() throws IOException {
        Path file = dir.resolve("real.jsonl");
        Program<String> flow = Program.perform(ProcessAction.run(Command.of("echo", "hello")))
                .map(ProcessResult::stdoutText);
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            assertThat(record(flow, processes, file, Clock.system()).get()).isEqualTo("hello\n");
        }

        try (Replay replay = Replay.from(file)) {
            assertThat(Runner.of(replay).run(flow)).isEqualTo("hello\n");
        }
    }

    @Test
    void an_action_jackson_cannot_map_is_refused_before_it_runs() throws IOException {
        Path file = dir.resolve("opaque.jsonl");
        Try<Void> outcome = record(Program.perform(new Ops.Opaque(java.io.InputStream.nullInputStream())), FakeExecutor.builder().on(Ops.Opaque.class, o -> null).build(),
                file, Clock.system());

        assertThat(outcome.getCause()).cause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("actions to record must be records whose components Jackson can map");
    }

    @Property(tries = 40)
    void any_sequence_of_puts_and_fetches_replays_to_the_same_outcome(
            @ForAll @Size(max = 6) List<@AlphaChars @StringLength(min = 1, max = 3) String> keys) throws IOException {
        Path file = Files.createTempFile("replay", ".jsonl");
        try {
            Program<io.vavr.collection.List<String>> flow = Program.traverse(keys, key -> key.length() == 1
                    ? Program.perform(new Put(key, key + "!")).map(ignored -> "put " + key)
                    : Program.perform(new Fetch(key.substring(0, 1))).recover(error -> "missing " + key));
            Try<io.vavr.collection.List<String>> recorded = record(flow, store(), file, VirtualClock.start());
            try (Replay replay = Replay.from(file)) {
                assertThat(Runner.of(replay).attempt(flow)).isEqualTo(recorded);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
