package dev.pureflow.bench;

import dev.pureflow.Runner;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Exchanger;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * One direct-style step (the body performs an action and gets the answer back), against the same
 * step round trip written raw between two virtual threads, with an {@link Exchanger} and with a
 * pair of {@link SynchronousQueue}s: what one step cost when a body ran on a thread of its own (the
 * first design). Bodies now run inline, each {@code perform} interpreted right on the body's
 * thread, so pureflow's figure is a monadic step's (see {@link SequentialChainBenchmark}, which
 * compares the two idle and under load), far below either hand-off. Figures are per step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-Dorg.slf4j.simpleLogger.defaultLogLevel=off"})
public class GeneratorRoundTripBenchmark {

    static final int STEPS = 100_000;

    private final Runner runner = Runner.of(Increment.executor());

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public long pureflowGenerator() {
        return runner.run(Increment.direct(STEPS));
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public long rawExchanger() throws Exception {
        Exchanger<Object> exchanger = new Exchanger<>();
        long[] answer = new long[1];
        Thread body = Thread.ofVirtual().start(() -> {
            try {
                long value = 0;
                for (int i = 0; i < STEPS; i++) {
                    exchanger.exchange(new Increment(value));
                    value = (Long) exchanger.exchange(null);
                }
                exchanger.exchange(Boolean.TRUE); // done
                answer[0] = value;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread driver = Thread.ofVirtual().start(() -> {
            try {
                while (exchanger.exchange(null) instanceof Increment increment) {
                    exchanger.exchange(increment.value() + 1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        body.join();
        driver.join();
        return answer[0];
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public long rawSynchronousQueue() throws Exception {
        BlockingQueue<Object> requests = new SynchronousQueue<>();
        BlockingQueue<Long> replies = new SynchronousQueue<>();
        long[] answer = new long[1];
        Thread body = Thread.ofVirtual().start(() -> {
            try {
                long value = 0;
                for (int i = 0; i < STEPS; i++) {
                    requests.put(new Increment(value));
                    value = replies.take();
                }
                requests.put(Boolean.TRUE); // done
                answer[0] = value;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread driver = Thread.ofVirtual().start(() -> {
            try {
                while (requests.take() instanceof Increment increment) {
                    replies.put(increment.value() + 1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        body.join();
        driver.join();
        return answer[0];
    }
}
