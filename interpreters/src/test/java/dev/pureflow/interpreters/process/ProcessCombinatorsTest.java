package dev.pureflow.interpreters.process;

import static dev.pureflow.combinators.Combinators.logged;
import static dev.pureflow.combinators.Combinators.parallelize;
import static dev.pureflow.combinators.Combinators.retried;
import static dev.pureflow.combinators.Combinators.timed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import dev.pureflow.Runner;
import dev.pureflow.combinators.Backoff;
import dev.pureflow.combinators.RetryPolicy;
import dev.pureflow.combinators.Timing;
import dev.pureflow.watch.RecordingLogger;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process executor under the standard combinators: logged, retried, parallelize and timed. */
class ProcessCombinatorsTest {

    @TempDir
    Path directory;

    @Test
    void logged_shows_the_command_line_of_each_run_and_its_failure() {
        RecordingLogger log = new RecordingLogger();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes.with(logged(options -> options.logger(log))));

            runner.run(Program.perform(ProcessAction.run(Command.of("echo", "hello world"))));
            runner.attempt(Program.perform(ProcessAction.run(Command.shell("echo broken >&2; exit 4"))));

            assertThat(log.lines()).hasSize(4);
            assertThat(log.lines().get(0)).isEqualTo("INFO start Run[echo 'hello world']");
            assertThat(log.lines().get(1)).startsWith("INFO done Run[echo 'hello world'] in PT");
            assertThat(log.lines().get(2)).isEqualTo("INFO start Run[/bin/sh -c 'echo broken >&2; exit 4']");
            assertThat(log.lines().get(3)).startsWith("WARN failed Run[/bin/sh -c 'echo broken >&2; exit 4'] after PT")
                    .contains("exited with 4").contains("stderr: broken");
        }
    }

    @Test
    void logged_never_shows_a_commands_environment_values_or_stdin_even_with_names_to_redact() {
        RecordingLogger log = new RecordingLogger();
        Command secretive = Command.of("sh", "-c", "printf '%s ' \"$API_TOKEN\"; cat")
                .withEnv("API_TOKEN", "s3cret-env")
                .withStdin(Stdin.text("s3cret-stdin"));
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes.with(logged(options -> options.logger(log).redacting("token"))));

            ProcessResult result = runner.run(Program.perform(ProcessAction.run(secretive)));

            assertThat(result.stdoutText()).isEqualTo("s3cret-env s3cret-stdin"); // the child got both secrets
            assertThat(log.lines()).hasSize(2).first().asString().startsWith("INFO start Run[sh -c ");
            assertThat(String.join("\n", log.lines())).doesNotContain("s3cret");
        }
    }

    @Test
    void retried_runs_a_failing_command_again_until_it_succeeds() throws Exception {
        Path runs = directory.resolve("runs");
        Command flaky = Command.of("sh", ProcWatch.script("flaky.sh").toString(), runs.toString(), "3");
        RetryPolicy policy = RetryPolicy.DEFAULT.withMaxAttempts(5).withBackoff(Backoff.fixed(Duration.ofMillis(10)));
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes.with(retried(policy)));

            ProcessResult result = runner.run(Program.perform(ProcessAction.run(flaky)));

            assertThat(result.stdoutText()).isEqualTo("run 3 succeeds\n");
            assertThat(Files.readAllLines(runs)).hasSize(3);
        }
    }

    @Test
    void retried_gives_up_after_its_attempts_with_the_last_failure() throws Exception {
        Path runs = directory.resolve("runs");
        Command hopeless = Command.of("sh", ProcWatch.script("flaky.sh").toString(), runs.toString(), "10");
        RetryPolicy policy = RetryPolicy.DEFAULT.withMaxAttempts(3).withBackoff(Backoff.none());
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes.with(retried(policy)));

            Throwable failure = runner.attempt(Program.perform(ProcessAction.run(hopeless))).getCause();

            assertThat(failure.getCause()).isInstanceOf(ProcessFailedException.class).hasMessageContaining("run 3 of 10 fails");
            assertThat(Files.readAllLines(runs)).hasSize(3);
        }
    }

    @Test
    void parallelize_runs_several_processes_at_once() throws Exception {
        int branches = 4;
        // each process says it started, then blocks on the gate: all four saying so proves they ran at once
        Path gate = ProcWatch.fifo(directory.resolve("gate"));
        CountDownLatch allStarted = new CountDownLatch(branches);
        ProcessListener onStartedLine = ProcessListener.onLine(line -> {
            if (line.text().equals("started")) {
                allStarted.countDown();
            }
        });
        try (ProcessExecutor processes = ProcessExecutor.create();
             RandomAccessFile gateHolder = new RandomAccessFile(gate.toFile(), "rw")) {
            Runner runner = Runner.of(processes.with(parallelize(branches)));
            Command waiter = Command.of("sh", "-c", "echo started; read line < \"$1\"; echo released", "sh", gate.toString());

            RunHandle<io.vavr.collection.List<ProcessResult>> handle = runner.start(Program.parTraverse(IntStream.range(0, branches).boxed().toList(),
                    i -> Program.perform(ProcessAction.run(waiter, onStartedLine))));

            assertThat(allStarted.await(ProcWatch.PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("all branches running at once").isTrue();
            assertThat(handle.isDone()).isFalse();
            gateHolder.write("\n".repeat(branches).getBytes(StandardCharsets.US_ASCII));
            assertThat(handle.await()).extracting(ProcessResult::stdoutText).containsOnly("started\nreleased\n").hasSize(branches);
        }
    }

    @Test
    void without_parallelize_a_parallel_block_runs_its_processes_one_after_another() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        ProcessListener counting = new ProcessListener() {
            @Override
            public void started(long pid) {
                peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            }

            @Override
            public void exited(ProcessResult result) {
                running.decrementAndGet();
            }
        };
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            var results = Runner.of(processes).run(Program.parTraverse(List.of("a", "b", "c", "d"),
                    name -> Program.perform(ProcessAction.run(Command.shell("sleep 0.05; echo " + name), counting))));

            assertThat(results).extracting(ProcessResult::stdoutText).containsExactly("a\n", "b\n", "c\n", "d\n");
            assertThat(peak.get()).isEqualTo(1);
        }
    }

    @Test
    void timed_measures_each_run_including_failures() {
        List<Timing> timings = new CopyOnWriteArrayList<>();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes.with(timed(timings::add)));

            ProcessResult slow = runner.run(Program.perform(ProcessAction.run(Command.shell("sleep 0.3; echo slow"))));
            runner.attempt(Program.perform(ProcessAction.run(Command.shell("exit 2"))));

            assertThat(timings).hasSize(2);
            assertThat(timings.get(0).succeeded()).isTrue();
            assertThat(timings.get(0).duration()).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isGreaterThanOrEqualTo(slow.duration());
            assertThat(timings.get(0).action()).hasToString("Run[/bin/sh -c 'sleep 0.3; echo slow']");
            assertThat(timings.get(1).succeeded()).isFalse();
        }
    }
}
