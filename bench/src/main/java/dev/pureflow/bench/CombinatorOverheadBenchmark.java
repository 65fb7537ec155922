package dev.pureflow.bench;

import static dev.pureflow.combinators.Combinators.logged;
import static dev.pureflow.combinators.Combinators.retried;
import static dev.pureflow.combinators.Combinators.timed;

import dev.pureflow.Executor;
import dev.pureflow.Runner;
import dev.pureflow.combinators.RetryPolicy;
import dev.pureflow.combinators.TimingSink;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What the standard combinators add to each step: the 1,000,000-step monadic flow of
 * {@link SequentialChainBenchmark} run on the bare executor and under {@code logged()} (SLF4J
 * provider present but switched off in the fork, so nothing is written), {@code timed} (a sink that
 * only counts), {@code retried(RetryPolicy.DEFAULT)} (no action fails) and all three stacked.
 * Figures are per step; the overhead of a combinator is its figure minus the bare one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-Dorg.slf4j.simpleLogger.defaultLogLevel=off"})
public class CombinatorOverheadBenchmark {

    static final int N = 1_000_000;

    private final LongAdder timings = new LongAdder();
    private final TimingSink countingSink = timing -> timings.increment();
    private final Executor bare = Increment.executor();
    private final Runner bareRunner = Runner.of(bare);
    private final Runner loggedRunner = Runner.of(bare.with(logged()));
    private final Runner timedRunner = Runner.of(bare.with(timed(countingSink)));
    private final Runner retriedRunner = Runner.of(bare.with(retried(RetryPolicy.DEFAULT)));
    private final Runner allThreeRunner = Runner.of(bare
            .with(retried(RetryPolicy.DEFAULT))
            .with(timed(countingSink))
            .with(logged()));

    @Benchmark
    @OperationsPerInvocation(N)
    public long bareExecutor() {
        return bareRunner.run(Increment.loop(0, N));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long underLogged() {
        return loggedRunner.run(Increment.loop(0, N));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long underTimed() {
        return timedRunner.run(Increment.loop(0, N));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long underRetried() {
        return retriedRunner.run(Increment.loop(0, N));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long underAllThree() {
        return allThreeRunner.run(Increment.loop(0, N));
    }
}
