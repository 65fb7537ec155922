package dev.pureflow.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.pureflow.Runner;
import dev.pureflow.StepListener;
import dev.pureflow.observability.metrics.PureflowMetrics;
import dev.pureflow.observability.tracing.PureflowTracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * The process CPU time per step of {@link ObservabilityOverheadBenchmark}'s flows, for a machine
 * too loaded for its wall-clock figures (issue 13): with tens of runnable threads on two cores, a
 * fork's wall time per step swings several-fold while the CPU time it spends per step barely
 * moves. Not a JMH benchmark and not part of {@code bench/run}: one JVM per variant, run by hand
 * and alternated as {@code bench/run} alternates forks. The CPU time is the whole process's (GC and
 * compiler threads included) and its resolution is the OS tick over the steps of a round, about
 * 2 ns with {@code -Druns=50}. Prints {@code variant nsPerStep} (the median of 7 rounds).
 *
 * <pre>
 * java -Xms1g -Xmx1g -Druns=50 -cp bench/target/benchmarks.jar dev.pureflow.bench.ObservabilityCpuProbe metrics
 * </pre>
 */
public final class ObservabilityCpuProbe {

    private static final int STEPS = 100_000;
    private static final int WARM_UP_RUNS = 60;
    private static final int ROUNDS = 7;

    private ObservabilityCpuProbe() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ObservabilityCpuProbe bare|noop|metrics|tracing");
        }
        int runs = Integer.getInteger("runs", 20);
        Runner bare = Runner.of(Increment.executor());
        Runner runner = switch (args[0]) {
            case "bare" -> bare;
            case "noop" -> bare.with(options -> options.listener(new StepListener() {}));
            case "metrics" -> bare.with(options -> options.listener(PureflowMetrics.on(new SimpleMeterRegistry())));
            case "tracing" -> bare.with(options -> options.listener(PureflowTracing.of(SdkTracerProvider.builder().build().get("bench"))));
            default -> throw new IllegalArgumentException("no variant " + args[0] + ": bare, noop, metrics or tracing");
        };
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long sink = 0;
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            sink += runner.run(Increment.loop(0, STEPS));
        }
        double[] nanosPerStep = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long before = os.getProcessCpuTime();
            for (int i = 0; i < runs; i++) {
                sink += runner.run(Increment.loop(0, STEPS));
            }
            nanosPerStep[round] = (os.getProcessCpuTime() - before) / ((double) runs * STEPS);
        }
        Arrays.sort(nanosPerStep);
        // the sink keeps the runs' results alive; every run returns STEPS
        System.out.printf(Locale.ROOT, "%s %.1f%s%n", args[0], nanosPerStep[ROUNDS / 2], sink == (long) STEPS * (WARM_UP_RUNS + ROUNDS * runs) ? "" : " (wrong sum)");
    }
}
