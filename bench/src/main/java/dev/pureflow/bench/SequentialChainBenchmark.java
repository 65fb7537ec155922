package dev.pureflow.bench;

import dev.pureflow.Executor;
import dev.pureflow.Runner;
import io.vavr.concurrent.Future;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import reactor.core.publisher.Mono;

/**
 * A sequential chain of N steps, each adding 1 to a long: what one step of a pureflow program costs
 * compared with a plain loop (the floor), a deferred {@link CompletableFuture#thenCompose} chain,
 * a Reactor {@link Mono#flatMap} chain and a vavr {@link Future#flatMap} chain on a same-thread
 * executor, and a minimal hand-written interpreter of the same shape ({@link HandTrampoline}). Every figure is time per step ({@code @OperationsPerInvocation(N)}), so
 * {@code gc.alloc.rate.norm} under {@code -prof gc} is bytes per step.
 *
 * <p>N = 1,000,000 except where an alternative cannot do that many: Reactor overflows the default
 * stack long before (see {@link StackProbe}), so it is measured at N = 200 and, in a fork with a
 * 1 GiB thread stack, at N = 100,000; direct style is measured at N = 100,000 (the figure is per
 * step either way).
 *
 * <p>The {@code ...UnderLoad} forms run the same flows while {@link BusyBackground} keeps two
 * platform threads spinning: how much a step's figure grows when the cores are taken.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-Dorg.slf4j.simpleLogger.defaultLogLevel=off"})
public class SequentialChainBenchmark {

    static final int N = 1_000_000;
    static final int DIRECT_N = 100_000;
    static final int REACTOR_SMALL_N = 200;
    static final int REACTOR_LARGE_STACK_N = 100_000;
    static final int VAVR_N = 100_000;

    private final Executor executor = Increment.executor();
    private final Runner runner = Runner.of(executor);

    /** The step of the plain loop, called through an interface that the JIT may not inline. */
    interface Step {
        long apply(long value);
    }

    static final class AddOne implements Step {
        @Override
        @CompilerControl(CompilerControl.Mode.DONT_INLINE)
        public long apply(long value) {
            return value + 1;
        }
    }

    private final Step step = new AddOne();

    /**
     * The right-nested chain: each step is {@code perform(step).flatMap(x -> rest)}, the rest built by
     * the continuation. It is the reference for {@link #pureflowLeftNested}.
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public long pureflowMonadic() {
        return runner.run(Increment.loop(0, N));
    }

    /** Builds the left-nested chain and runs it: building is part of the figure. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long pureflowLeftNested() {
        return runner.run(Increment.leftNested(N));
    }

    @Benchmark
    @OperationsPerInvocation(DIRECT_N)
    public long pureflowDirect() {
        return runner.run(Increment.direct(DIRECT_N));
    }

    /** {@link #pureflowMonadic} while two busy threads compete for the cores: its figure ÷ the idle one is its growth. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long pureflowMonadicUnderLoad(BusyBackground busy) {
        return runner.run(Increment.loop(0, N));
    }

    /** {@link #pureflowDirect} while two busy threads compete for the cores: its figure ÷ the idle one is its growth. */
    @Benchmark
    @OperationsPerInvocation(DIRECT_N)
    public long pureflowDirectUnderLoad(BusyBackground busy) {
        return runner.run(Increment.direct(DIRECT_N));
    }

    /** The floor for an interpreter of this shape: see {@link HandTrampoline}; same executor. */
    @Benchmark
    @OperationsPerInvocation(N)
    public Object handWrittenTrampoline() throws Exception {
        return HandTrampoline.run(HandTrampoline.loop(0, N), executor);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long plainLoop() {
        long value = 0;
        for (int i = 0; i < N; i++) {
            value = step.apply(value);
        }
        return value;
    }

    /** The chain is built on an incomplete future, then completed: the deferred form, as a flow is built then run. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long completableFutureDeferred() {
        CompletableFuture<Long> start = new CompletableFuture<>();
        CompletableFuture<Long> chain = start;
        for (int i = 0; i < N; i++) {
            chain = chain.thenCompose(value -> CompletableFuture.completedFuture(step.apply(value)));
        }
        start.complete(0L);
        return chain.join();
    }

    @Benchmark
    @OperationsPerInvocation(REACTOR_SMALL_N)
    public long reactorMonoN200() {
        return reactorChain(REACTOR_SMALL_N);
    }

    @Benchmark
    @OperationsPerInvocation(REACTOR_LARGE_STACK_N)
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-Xss1g"})
    public long reactorMonoLargeStack() {
        return reactorChain(REACTOR_LARGE_STACK_N);
    }

    static long reactorChainOf(int steps, Step step) {
        Mono<Long> chain = Mono.just(0L);
        for (int i = 0; i < steps; i++) {
            chain = chain.flatMap(value -> Mono.just(step.apply(value)));
        }
        return chain.block();
    }

    private long reactorChain(int steps) {
        return reactorChainOf(steps, step);
    }

    @Benchmark
    @OperationsPerInvocation(VAVR_N)
    public long vavrFuture() {
        java.util.concurrent.Executor sameThread = Runnable::run;
        Future<Long> chain = Future.successful(sameThread, 0L);
        for (int i = 0; i < VAVR_N; i++) {
            chain = chain.flatMap(value -> Future.successful(sameThread, step.apply(value)));
        }
        return chain.get();
    }
}
