package dev.pureflow.interpreters.process;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.process.OutputLine.Stream;
import dev.pureflow.interpreters.process.RecordingListener.Event;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many processes: a thousand short runs, hundreds of jobs alive at once, and many long-running
 * processes next to short ones. Nothing may be lost, reordered or left behind.
 *
 * <p>The counts are sized to prove these properties, not to measure speed: each run and each job
 * is checked on its own (its exact bytes, its listener's order, every fd, thread and zombie back
 * to baseline), so a loss or a leak per run shows the same at 1,000 runs as at 10,000, and a leak
 * per job shows 200 times at 200 jobs. They stay well under the hang detectors on a machine three
 * times slower than ours with busy cores. Throughput is the JMH suite's business
 * ({@code bench/}: {@code ProcessBenchmark.pureflowTrueParallel8} against raw {@code ProcessBuilder}).
 * Tagged {@code stress}: too long to run again for each mutant the mutation profile makes (it
 * excludes the tag; the ordinary build runs it).
 */
@Tag("stress")
class ProcessLoadTest {

    @TempDir
    Path directory;

    @Test
    @Timeout(600) // a hang detector: ~5 s here
    void a_thousand_echo_runs_8_at_a_time_each_exit_zero_with_exact_output_and_listener_order() {
        int runs = 1_000;
        List<RecordingListener> listeners = IntStream.range(0, runs).mapToObj(i -> new RecordingListener()).toList();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes.with(parallelize(8)));

            var results = runner.run(Program.parTraverse(IntStream.range(0, runs).boxed().toList(),
                    i -> Program.perform(ProcessAction.run(Command.of("echo", "run " + i), listeners.get(i)))));

            assertThat(results).hasSize(runs);
            for (int i = 0; i < runs; i++) {
                ProcessResult result = results.get(i);
                assertThat(result.exitCode()).as("exit code of run %d", i).isZero();
                assertThat(result.stdoutText()).as("stdout of run %d", i).isEqualTo("run " + i + "\n");
                assertThat(result.stderr()).as("stderr of run %d", i).isEmpty();
                assertThat(listeners.get(i).events()).as("what the listener of run %d saw", i).containsExactly(
                        new Event.Started(result.pid()),
                        new Event.Line(new OutputLine(Stream.STDOUT, "run " + i)),
                        new Event.Exited(result));
            }
        }
    }

    @Test
    @Timeout(600) // a hang detector: ~10 s here
    void two_hundred_jobs_alive_at_once_take_two_threads_each_and_leave_threads_descriptors_and_zombies_at_baseline() throws Exception {
        int jobs = 200;
        // every job blocks reading a line from this pipe, so all of them are alive until the test writes
        // the lines; each line is a lone newline, so the shells' byte-by-byte reads cannot interleave
        Path gate = ProcWatch.fifo(directory.resolve("gate"));
        AtomicInteger alive = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        // results are taken from the listener: only the last 100 ended jobs stay in the executor's store
        ProcessResult[] results = new ProcessResult[jobs];
        CountDownLatch allExited = new CountDownLatch(jobs);
        IntFunction<ProcessListener> counting = job -> new ProcessListener() {
            @Override
            public void started(long pid) {
                peak.accumulateAndGet(alive.incrementAndGet(), Math::max);
            }

            @Override
            public void exited(ProcessResult result) {
                alive.decrementAndGet();
                results[job] = result;
                allExited.countDown();
            }
        };
        try (ProcessExecutor processes = ProcessExecutor.create();
             RandomAccessFile gateHolder = new RandomAccessFile(gate.toFile(), "rw")) { // read-write: opening never blocks, and children can open it
            Runner runner = Runner.of(processes);
            runner.run(Program.perform(ProcessAction.start("warm-up", Command.of("true"))).andThen(Program.perform(ProcessAction.await("warm-up"))));
            long threadsBefore = ProcWatch.pureflowThreads();
            ProcWatch.eventually("no thread serving a process", ProcWatch::threadsServingProcesses, n -> n == 0);
            long descriptorsBefore = ProcWatch.openFileDescriptors();
            long zombiesBefore = ProcWatch.zombieChildren();

            for (int i = 0; i < jobs; i++) {
                Command waitForGate = Command.of("sh", "-c", "read line < \"$2\"; echo \"$1\"", "sh", "job-" + i, gate.toString());
                runner.run(Program.perform(ProcessAction.start("job-" + i, waitForGate, counting.apply(i))));
            }
            // a pipe thread takes its process's name when it begins to serve it, which may be after the start returned
            long servingDuring = ProcWatch.eventually("two threads serving each live job", ProcWatch::threadsServingProcesses, n -> n >= 2L * jobs);
            long threadsDuring = ProcWatch.pureflowThreads();
            long descriptorsDuring = ProcWatch.openFileDescriptors();
            assertThat(ProcWatch.liveChildren()).isEqualTo(jobs);
            gateHolder.write("\n".repeat(jobs).getBytes(StandardCharsets.US_ASCII));
            assertThat(allExited.await(ProcWatch.PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("every job ended").isTrue();
            for (int i = 0; i < jobs; i++) {
                assertThat(results[i].exitCode()).as("exit code of job %d", i).isZero();
                assertThat(results[i].stdoutText()).as("stdout of job %d", i).isEqualTo("job-" + i + "\n");
            }
            ProcWatch.eventually("the store to keep the last ended jobs",
                    () -> runner.run(Program.perform(ProcessAction.listJobs())).size(), n -> n == ProcessExecutor.ENDED_JOBS_KEPT);

            long threadsAfter = ProcWatch.eventually("pureflow threads back to " + threadsBefore, ProcWatch::pureflowThreads, n -> n <= threadsBefore);
            long descriptorsAfter = ProcWatch.eventually("open descriptors back to " + descriptorsBefore, ProcWatch::openFileDescriptors, n -> n <= descriptorsBefore);
            long zombiesAfter = ProcWatch.eventually("no zombie children", ProcWatch::zombieChildren, n -> n == 0);
            assertThat(peak.get()).isEqualTo(jobs);
            assertThat(ProcWatch.liveChildren()).isZero();
            // each live job holds two reader threads and its two pipes: all of them were there, and all went;
            // and no more than those two threads: its supervisor starts only once its process has exited
            assertThat(servingDuring).as("threads serving %d live jobs", jobs).isEqualTo(2L * jobs);
            assertThat(threadsDuring).as("pureflow threads with %d live jobs", jobs).isBetween(2L * jobs, threadsBefore + 2L * jobs);
            assertThat(descriptorsDuring).isGreaterThanOrEqualTo(descriptorsBefore + 2L * jobs);
            System.out.printf("[figure] test 14: %d jobs alive at once (peak %d); pureflow threads %d before, %d during, %d after; "
                            + "open fds %d before, %d during, %d after; zombie children %d before, %d after%n",
                    jobs, peak.get(), threadsBefore, threadsDuring, threadsAfter,
                    descriptorsBefore, descriptorsDuring, descriptorsAfter, zombiesBefore, zombiesAfter);
        }
    }

    @Test
    @Timeout(600) // a hang detector: ~10 s here
    void hundreds_of_long_running_jobs_do_not_starve_starts_and_short_runs() throws Exception {
        // Each process has reader threads blocked on its pipes all its life. Were they virtual threads,
        // a few hundred processes would hold every carrier thread and nothing else would run until
        // some exited: the sleepers never end by themselves, so starvation shows as a hang.
        int jobs = 200;
        String sleep = ProcWatch.uniqueSleep();
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            for (int i = 0; i < jobs; i++) {
                runner.run(Program.perform(ProcessAction.start("sleeper-" + i, Command.of("sleep", sleep))));
            }
            RunHandle<ProcessResult> quick = runner.start(Program.perform(ProcessAction.run(Command.of("echo", "still served"))));
            String answer = quick.await(ProcWatch.PATIENCE).stdoutText();

            assertThat(answer).isEqualTo("still served\n");
            assertThat(ProcWatch.processesCarrying(sleep)).hasSize(jobs);
        }
        assertThat(ProcWatch.processesCarrying(sleep)).isEmpty();
    }
}
