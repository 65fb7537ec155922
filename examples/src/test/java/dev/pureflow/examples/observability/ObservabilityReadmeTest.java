package dev.pureflow.examples.observability;

import static dev.pureflow.combinators.Combinators.parallelize;
import static dev.pureflow.combinators.Combinators.timed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Clock;
import dev.pureflow.Combinator;
import dev.pureflow.Executor;
import dev.pureflow.Runner;
import dev.pureflow.combinators.RetryPolicy;
import dev.pureflow.examples.greeting.Cmd;
import dev.pureflow.examples.greeting.GreetingExecutor;
import dev.pureflow.examples.greeting.GreetingFlows;
import dev.pureflow.interpreters.fake.VirtualClock;
import dev.pureflow.observability.metrics.PureflowMetrics;
import dev.pureflow.observability.picture.RunPicture;
import dev.pureflow.observability.tracing.PureflowTracing;
import dev.pureflow.testkit.Trace;
import dev.pureflow.testkit.TraceRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The README's "Metrics", "Tracing" and "Pictures of a run" snippets, run on the flagship greeting flow. */
class ObservabilityReadmeTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Test
    void metrics_time_steps_and_runs_and_count_retries() {
        // README: metrics
        MeterRegistry registry = new SimpleMeterRegistry(); // yours: Prometheus, OTLP, ...
        PureflowMetrics metrics = PureflowMetrics.on(registry);
        Executor executor = GreetingExecutor.printingTo(lines::add)
                .with(metrics.retried(RetryPolicy.DEFAULT, Clock.system())) // counts pureflow.retry.calls
                .with(parallelize(3));
        metrics.start(Runner.of(executor), "greeting", GreetingFlows.greetAllInParallel()).await();

        Timer greetings = registry.get("pureflow.step").tags("type", "Greet", "outcome", "success").timer();
        // greetings.count() == 3; pureflow.run{flow=greeting, outcome=success} counted 1
        // END README
        assertThat(greetings.count()).isEqualTo(3);
        assertThat(registry.get("pureflow.run").tags("flow", "greeting", "outcome", "success").timer().count()).isEqualTo(1);
        assertThat(registry.get("pureflow.retry.calls").tags("type", "Greet", "kind", "successful_without_retry").counter().count()).isEqualTo(3);
        assertThat(registry.get("pureflow.steps.active").gauge().value()).isZero();

        // README: metrics-timed
        Timer actions = registry.timer("greeting.actions");
        Executor timedExecutor = GreetingExecutor.printingTo(lines::add).with(timed(timing -> actions.record(timing.duration())));
        // END README
        Runner.of(timedExecutor).run(GreetingFlows.greetAll());
        assertThat(actions.count()).isEqualTo(4);
    }

    @Test
    void tracing_makes_a_span_per_run_block_branch_and_step() {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()) {
            OpenTelemetry openTelemetry = OpenTelemetrySdk.builder().setTracerProvider(provider).build();
            // README: tracing
            PureflowTracing tracing = PureflowTracing.of(openTelemetry); // yours: the SDK's, or GlobalOpenTelemetry.get()
            Executor executor = GreetingExecutor.printingTo(lines::add)
                    .with(tracing.retried(RetryPolicy.DEFAULT, Clock.system())) // retries become span events
                    .with(parallelize(3));
            tracing.start(Runner.of(executor), "greeting", GreetingFlows.greetAllInParallel()).await();
            // spans: greeting ─┬─ Fetch
            //                  └─ parallel ─┬─ branch ── Greet
            //                               ├─ branch ── Greet
            //                               └─ branch ── Greet
            // END README
            List<SpanData> spans = exporter.getFinishedSpanItems();
            assertThat(spans).extracting(SpanData::getName)
                    .containsExactlyInAnyOrder("greeting", "Fetch", "parallel", "branch", "branch", "branch", "Greet", "Greet", "Greet");
            SpanData run = spans.stream().filter(span -> span.getName().equals("greeting")).findFirst().orElseThrow();
            SpanData block = spans.stream().filter(span -> span.getName().equals("parallel")).findFirst().orElseThrow();
            assertThat(block.getParentSpanId()).isEqualTo(run.getSpanId());
            assertThat(spans.stream().filter(span -> span.getName().equals("Greet")))
                    .allMatch(greet -> spans.stream().anyMatch(branch -> branch.getName().equals("branch")
                            && branch.getSpanId().equals(greet.getParentSpanId()) && branch.getParentSpanId().equals(block.getSpanId())));
        }
    }

    @Test
    void a_picture_of_the_parallel_greeting() throws Exception {
        VirtualClock clock = VirtualClock.start();
        // README: picture
        TraceRecorder recorder = Trace.recorder(clock);
        Runner.of(GreetingExecutor.printingTo(lines::add).with(parallelize(3)))
                .with(options -> options.clock(clock).listener(recorder))
                .run(GreetingFlows.greetAllInParallel());

        RunPicture picture = RunPicture.of(recorder.trace(), "greeting --parallel");
        String mermaid = picture.mermaidSequence(); // paste into Markdown: GitHub draws it
        picture.writeHtml(Path.of("target/greeting.html")); // one file: open it in any browser
        // END README
        assertThat(mermaid).startsWith("sequenceDiagram\n").contains("participant p1 as Cmd", "par main/", "and main/");
        assertThat(Files.readString(Path.of("target/greeting.html"))).contains("<svg").doesNotContain("http");
    }

    /**
     * The README's picture: the parallel greeting on a virtual clock, each action given a latency
     * (a Fetch 40 ms, a Greet 20 to 40 ms), drawn to {@code target/readme/greeting-parallel.html};
     * {@code docs/greeting-parallel.png} is a headless Chromium screenshot of that page.
     */
    @Test
    void the_readme_picture_is_drawn_from_a_real_run_of_the_parallel_greeting() throws Exception {
        VirtualClock clock = VirtualClock.start();
        TraceRecorder recorder = Trace.recorder(clock);
        Executor slowed = GreetingExecutor.printingTo(lines::add).with(simulatedLatency(clock)).with(parallelize(3));

        Runner.of(slowed).with(options -> options.clock(clock).listener(recorder)).run(GreetingFlows.greetAllInParallel());

        Path page = Files.createDirectories(Path.of("target/readme")).resolve("greeting-parallel.html");
        RunPicture.of(recorder.trace(), "greeting --parallel").writeHtml(page);
        assertThat(recorder.trace().steps()).hasSize(4);
        assertThat(recorder.trace().span()).isEqualTo(Duration.ofMillis(80)); // 40 ms fetch, then the slowest greeting
    }

    /** Each action waits on {@code clock} before it is carried out: a Fetch 40 ms, Greet of UserN (20 + 10 N) ms. */
    private static Combinator simulatedLatency(VirtualClock clock) {
        return Combinator.around((action, next) -> {
            clock.sleep(switch ((Cmd<?>) action) {
                case Cmd.Fetch fetch -> Duration.ofMillis(40);
                case Cmd.Greet greet -> Duration.ofMillis(20 + 10 * Integer.parseInt(greet.name().substring("User".length())));
            });
            return next.execute(action);
        });
    }
}
