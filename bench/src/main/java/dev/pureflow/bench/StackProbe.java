package dev.pureflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pureflow.Runner;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The stack-depth facts the timing benchmarks cannot show, written as JSON for {@link ResultsReport}:
 * whether pureflow runs 10,000,000 monadic steps (and a 10,000,000-deep left-nested chain) on the
 * default stack, and the chain length at which a Reactor {@code Mono.flatMap} chain first overflows
 * a thread with the default stack size.
 *
 * <p>Usage: {@code java -Xms1g -Xmx1g -cp benchmarks.jar dev.pureflow.bench.StackProbe OUT.json}.
 */
public final class StackProbe {

    static final int TEN_MILLION = 10_000_000;

    private StackProbe() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: StackProbe OUT.json");
        }
        // an overflow inside Reactor is also reported to its dropped-error hook: keep the probe's output readable
        reactor.core.publisher.Hooks.onErrorDropped(dropped -> { });
        Map<String, Object> facts = new LinkedHashMap<>();
        Runner runner = Runner.of(Increment.executor());
        facts.put("pureflowMonadic10M", attempt(() -> runner.run(Increment.loop(0, TEN_MILLION)), TEN_MILLION));
        facts.put("pureflowLeftNested10M", attempt(() -> runner.run(Increment.leftNested(TEN_MILLION)), TEN_MILLION));
        facts.put("reactorOverflowN", reactorOverflowN());
        facts.put("threadStackSizeKiB", threadStackSizeKiB());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(Path.of(args[0]).toFile(), facts);
        System.out.println(facts);
    }

    /** Runs {@code steps} steps; says whether the answer was right, or what was thrown. */
    private static String attempt(LongSupplier run, long expected) {
        long start = System.nanoTime();
        try {
            long answer = run.getAsLong();
            long millis = (System.nanoTime() - start) / 1_000_000;
            return answer == expected ? "ok in " + millis + " ms" : "wrong answer " + answer;
        } catch (Throwable failed) {
            return "failed: " + failed;
        }
    }

    /** The smallest chain length (to within 1%) that overflows a fresh thread of the default stack size. */
    private static long reactorOverflowN() throws InterruptedException {
        long fits = 0;
        long overflows = 1_000;
        while (fitsOnDefaultStack(overflows)) {
            fits = overflows;
            overflows *= 2;
            if (overflows > 100_000_000) {
                return -1; // never overflowed
            }
        }
        while (overflows - fits > Math.max(1, fits / 100)) {
            long middle = (fits + overflows) / 2;
            if (fitsOnDefaultStack(middle)) {
                fits = middle;
            } else {
                overflows = middle;
            }
        }
        return overflows;
    }

    private static boolean fitsOnDefaultStack(long steps) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // stack size 0: the JVM's default for new threads (-Xss / ThreadStackSize), as a benchmark thread has
        Thread thread = new Thread(null, () -> {
            try {
                SequentialChainBenchmark.reactorChainOf((int) steps, value -> value + 1);
            } catch (Throwable thrown) {
                failure.set(thrown);
            }
        }, "reactor-probe", 0);
        thread.start();
        thread.join();
        Throwable thrown = failure.get();
        if (thrown == null) {
            return true;
        }
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof StackOverflowError) {
                return false;
            }
        }
        throw new IllegalStateException("the Reactor chain of " + steps + " failed otherwise", thrown);
    }

    private static long threadStackSizeKiB() {
        return java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                .getVMOption("ThreadStackSize").getValue().transform(Long::parseLong);
    }
}
