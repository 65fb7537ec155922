package dev.pureflow.bench;

import static dev.pureflow.combinators.Combinators.parallelize;

import dev.pureflow.Program;
import dev.pureflow.Runner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Fan-out of 10,000 tiny in-memory actions as one parallel block: pureflow with
 * {@code parallelize(10_000)} (up to one worker fiber, so one virtual thread, per branch; workers
 * start on demand, so one-step branches are mostly taken by the few already running) against raw
 * {@link Executors#newVirtualThreadPerTaskExecutor()} and {@link CompletableFuture#supplyAsync}
 * on the common pool. Figures are per task; the results are collected in input order in every form.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-Dorg.slf4j.simpleLogger.defaultLogLevel=off"})
public class FanOutBenchmark {

    static final int TASKS = 10_000;

    private Runner runner;
    private Program<io.vavr.collection.List<Long>> block;

    @Setup
    public void setUp() {
        runner = Runner.of(Increment.executor().with(parallelize(TASKS)));
        List<Program<Long>> branches = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            branches.add(Program.perform(new Increment(i)));
        }
        block = Program.parallel(branches);
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public io.vavr.collection.List<Long> pureflowParallelize() {
        return runner.run(block);
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public List<Long> virtualThreadPerTask() throws Exception {
        List<Future<Long>> futures = new ArrayList<>(TASKS);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < TASKS; i++) {
                long value = i;
                futures.add(executor.submit(() -> value + 1));
            }
            List<Long> values = new ArrayList<>(TASKS);
            for (Future<Long> future : futures) {
                values.add(future.get());
            }
            return values;
        }
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public List<Long> completableFutureSupplyAsync() {
        List<CompletableFuture<Long>> futures = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            long value = i;
            futures.add(CompletableFuture.supplyAsync(() -> value + 1));
        }
        List<Long> values = new ArrayList<>(TASKS);
        for (CompletableFuture<Long> future : futures) {
            values.add(future.join());
        }
        return values;
    }
}
