package dev.pureflow.bench;

import dev.pureflow.Runner;
import dev.pureflow.StepListener;
import dev.pureflow.observability.metrics.PureflowMetrics;
import dev.pureflow.observability.tracing.PureflowTracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What observing a run adds to each step (issue 13): the 100,000-step monadic flow of
 * {@link SequentialChainBenchmark}'s kind run bare, under a listener that does nothing (the
 * runner's listened path), under {@link PureflowMetrics} (a {@code SimpleMeterRegistry}: a timer
 * record and the in-flight gauge per step) and under {@link PureflowTracing} (the OpenTelemetry
 * SDK, every span sampled, no exporter: a span made, made current and ended per step). Figures are
 * per step; the overhead of a listener is its figure minus the bare one. Target: metrics at most
 * 100 ns a step. {@code bench/run} runs it as its segment {@code observe} and reports these
 * differences per round. A listened step reads the clock twice (its start, from which its instant
 * is derived, and its end); where a reading is slow (tens of ns on some virtual machines), those
 * readings are most of the no-op listener's figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-Dorg.slf4j.simpleLogger.defaultLogLevel=off"})
public class ObservabilityOverheadBenchmark {

    static final int N = 100_000;

    private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder().build();
    private final Runner bare = Runner.of(Increment.executor());
    private final Runner noOpListener = bare.with(options -> options.listener(new StepListener() {}));
    private final Runner metrics = bare.with(options -> options.listener(PureflowMetrics.on(new SimpleMeterRegistry())));
    private final Runner tracing = bare.with(options -> options.listener(PureflowTracing.of(tracerProvider.get("bench"))));

    @TearDown
    public void close() {
        tracerProvider.close();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long bareStep() {
        return bare.run(Increment.loop(0, N));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long underNoOpListener() {
        return noOpListener.run(Increment.loop(0, N));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long underMetricsListener() {
        return metrics.run(Increment.loop(0, N));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long underTracingListener() {
        return tracing.run(Increment.loop(0, N));
    }
}
