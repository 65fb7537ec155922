package dev.pureflow.bench;

import dev.pureflow.Runner;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Exchanger;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One direct-style step (the body performs an action and gets the answer back) against one monadic
 * step, in the same run: since bodies run inline (each {@code perform} is interpreted right on the
 * body's thread), a direct step should cost about what a monadic one does. The {@code UnderLoad}
 * pair repeats both with two busy background threads competing for the cores: the direct step's
 * figure should grow no more than the monadic one's, as it did not when each step was handed
 * between two threads.
 *
 * <p>For reference, the same step round trip written raw between two virtual threads, with an
 * {@link Exchanger} and with a pair of {@link SynchronousQueue}s: what one step cost when a body ran
 * on a thread of its own (the first design), and what inline bodies no longer pay. Figures are per
 * step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-Dorg.slf4j.simpleLogger.defaultLogLevel=off"})
public class GeneratorRoundTripBenchmark {

    static final int STEPS = 100_000;

    private final Runner runner = Runner.of(Increment.executor());

    /** Two platform threads that keep computing for as long as a trial runs, competing for the cores. */
    @State(Scope.Benchmark)
    public static class BusyCores {
        private static final int THREADS = 2;
        private volatile boolean stop;
        private final Thread[] threads = new Thread[THREADS];
        /** Read after the trial so the busy loops cannot be optimised away. */
        public volatile long sink;

        @Setup(Level.Trial)
        public void start() {
            stop = false;
            for (int i = 0; i < THREADS; i++) {
                threads[i] = Thread.ofPlatform().daemon().name("busy-core-" + i).start(this::spin);
            }
        }

        private void spin() {
            long x = Thread.currentThread().threadId();
            while (!stop) {
                for (int i = 0; i < 10_000; i++) {
                    x = x * 6364136223846793005L + 1442695040888963407L; // an LCG: pure computation
                }
            }
            sink += x;
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            stop = true;
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public long pureflowGenerator() {
        return runner.run(Increment.direct(STEPS));
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public long pureflowMonadic() {
        return runner.run(Increment.loop(0, STEPS));
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public long pureflowGeneratorUnderLoad(BusyCores busy) {
        return runner.run(Increment.direct(STEPS));
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public long pureflowMonadicUnderLoad(BusyCores busy) {
        return runner.run(Increment.loop(0, STEPS));
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
