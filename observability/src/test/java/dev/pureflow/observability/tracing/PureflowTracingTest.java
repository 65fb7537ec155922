package dev.pureflow.observability.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import dev.pureflow.Runner;
import dev.pureflow.combinators.Backoff;
import dev.pureflow.combinators.Combinators;
import dev.pureflow.combinators.RetryPolicy;
import dev.pureflow.interpreters.fake.VirtualClock;
import dev.pureflow.observability.Shop;
import dev.pureflow.observability.Shop.Fetch;
import dev.pureflow.observability.Shop.Pay;
import dev.pureflow.observability.Shop.Ship;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120) // a hang detector, sized for a machine several times slower than a laptop
class PureflowTracingTest {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    private final Tracer tracer = provider.get("test");
    private final PureflowTracing tracing = PureflowTracing.of(tracer);
    private final VirtualClock clock = VirtualClock.start();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final java.util.concurrent.CountDownLatch stuckStarted = new java.util.concurrent.CountDownLatch(1);

    @AfterEach
    void close() {
        provider.close();
    }

    /** Fetch "flaky" fails once then answers; Pay fails; Ship makes an "http" span of its own, as a client library would. */
    private Executor shop() {
        return Executor.of(Shop.class, action -> switch (action) {
            case Fetch fetch when fetch.item().equals("flaky") -> {
                if (calls.computeIfAbsent("flaky", item -> new AtomicInteger()).incrementAndGet() == 1) {
                    throw new IOException("flaky");
                }
                yield "a flaky";
            }
            case Fetch fetch when fetch.item().equals("stuck") -> {
                stuckStarted.countDown();
                clock.await(new CompletableFuture<>());
                yield "never";
            }
            case Fetch fetch -> "a " + fetch.item();
            case Pay pay -> throw new IllegalStateException("card " + pay.card() + " declined");
            case Ship ship -> {
                tracer.spanBuilder("http").startSpan().end();
                yield "shipped";
            }
        });
    }

    private Runner runner() {
        RetryPolicy policy = RetryPolicy.DEFAULT.withBackoff(Backoff.fixed(Duration.ofSeconds(1))).withJitter(0);
        return Runner.of(shop().with(tracing.retried(policy, clock)).with(Combinators.parallelize(2))).with(options -> options.clock(clock));
    }

    private List<SpanData> named(String name) {
        return exporter.getFinishedSpanItems().stream().filter(span -> span.getName().equals(name)).toList();
    }

    private SpanData one(String name, Predicate<SpanData> which) {
        List<SpanData> found = named(name).stream().filter(which).toList();
        assertThat(found).as("spans named %s", name).hasSize(1);
        return found.getFirst();
    }

    private static boolean isChildOf(SpanData child, SpanData parent) {
        return child.getParentSpanId().equals(parent.getSpanId()) && child.getTraceId().equals(parent.getTraceId());
    }

    @Test
    void a_parallel_flow_with_a_failure_and_a_retry_makes_a_span_tree_of_run_block_branches_and_steps() {
        Program<String> flow = Program.perform(new Fetch("plain"))
                .flatMap(first -> Program.parallel(
                        Program.perform(new Fetch("flaky")),
                        Program.perform(new Pay("4111-1111", 100)).recover(error -> "unpaid")))
                .flatMap(both -> Program.perform(new Ship("book")));

        tracing.start(runner(), "checkout", flow).await();

        SpanData run = one("checkout", span -> true);
        assertThat(run.getParentSpanContext().isValid()).isFalse();
        String runId = run.getAttributes().get(PureflowTracing.RUN_ID);
        assertThat(runId).isNotBlank();
        assertThat(run.getAttributes().get(PureflowTracing.OUTCOME)).isEqualTo("success");

        SpanData plain = one("Fetch", span -> "main".equals(span.getAttributes().get(PureflowTracing.BRANCH)));
        assertThat(isChildOf(plain, run)).isTrue();

        SpanData block = one("parallel", span -> true);
        assertThat(isChildOf(block, run)).isTrue();
        List<SpanData> branches = named("branch");
        assertThat(branches).hasSize(2).allMatch(branch -> isChildOf(branch, block));
        assertThat(branches).extracting(branch -> branch.getAttributes().get(PureflowTracing.BRANCH))
                .allMatch(path -> path.startsWith(block.getAttributes().get(PureflowTracing.BRANCH) + "/"));

        SpanData flaky = one("Fetch", span -> !"main".equals(span.getAttributes().get(PureflowTracing.BRANCH)));
        SpanData pay = one("Pay", span -> true);
        assertThat(branches).anyMatch(branch -> isChildOf(flaky, branch)).anyMatch(branch -> isChildOf(pay, branch));
        assertThat(flaky.getParentSpanId()).isNotEqualTo(pay.getParentSpanId());
        // the retry: one span for the step, an event per failed attempt
        assertThat(flaky.getEvents()).hasSize(1);
        assertThat(flaky.getEvents().getFirst().getName()).isEqualTo("retry");
        assertThat(flaky.getEvents().getFirst().getAttributes().get(PureflowTracing.ATTEMPT)).isEqualTo(1L);
        assertThat(flaky.getEvents().getFirst().getAttributes().get(PureflowTracing.ERROR_TYPE)).isEqualTo("java.io.IOException");
        assertThat(flaky.getAttributes().get(PureflowTracing.ATTEMPTS)).isEqualTo(2L);
        assertThat(flaky.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        // the failure
        assertThat(pay.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(pay.getAttributes().get(PureflowTracing.ERROR_TYPE)).isEqualTo("java.lang.IllegalStateException");
        assertThat(pay.getAttributes().get(PureflowTracing.OUTCOME)).isEqualTo("failure");

        SpanData ship = one("Ship", span -> true);
        assertThat(isChildOf(ship, run)).isTrue();
        // context reaches the executor: the span it starts is the step span's child
        assertThat(isChildOf(one("http", span -> true), ship)).isTrue();

        List<SpanData> steps = new ArrayList<>(named("Fetch"));
        steps.add(pay);
        steps.add(ship);
        assertThat(steps).allSatisfy(step -> {
            assertThat(step.getAttributes().get(PureflowTracing.RUN_ID)).isEqualTo(runId);
            assertThat(step.getAttributes().get(PureflowTracing.STEP_KEY)).startsWith(step.getAttributes().get(PureflowTracing.BRANCH) + "#");
            assertThat(step.getTraceId()).isEqualTo(run.getTraceId());
        });
        assertThat(exporter.getFinishedSpanItems()).hasSize(9); // run, 4 steps, block, 2 branches, http
    }

    @Test
    void step_spans_show_actions_redacted() {
        PureflowTracing redacting = tracing.redaction(dev.pureflow.Redaction.DEFAULT.masking("card"));
        Runner runner = Runner.of(shop()).with(options -> options.clock(clock));

        redacting.start(runner, "pay", Program.perform(new Pay("4111-1111", 100)).recover(error -> "unpaid")).await();

        SpanData pay = one("Pay", span -> true);
        assertThat(pay.getAttributes().get(PureflowTracing.ACTION)).doesNotContain("4111").contains("Pay[");
        assertThat(pay.getStatus().getDescription()).doesNotContain("4111");
    }

    @Test
    void a_cancelled_run_ends_its_span_and_its_open_step_as_cancelled() throws InterruptedException {
        RunHandle<String> handle = tracing.start(runner(), "stuck", Program.perform(new Fetch("stuck")));
        assertThat(stuckStarted.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        handle.cancel();

        await(() -> named("stuck").size() == 1);
        assertThat(named("stuck").getFirst().getAttributes().get(PureflowTracing.OUTCOME)).isEqualTo("cancelled");
        assertThat(named("stuck").getFirst().getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        await(() -> named("Fetch").size() == 1);
        assertThat(named("Fetch").getFirst().getAttributes().get(PureflowTracing.OUTCOME)).isEqualTo("cancelled");
    }

    @Property(tries = 15)
    void each_branch_of_a_block_is_a_sibling_span_holding_its_own_step(@ForAll @IntRange(min = 1, max = 6) int width) {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (SdkTracerProvider own = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()) {
            PureflowTracing traced = PureflowTracing.of(own.get("property"));
            List<Program<String>> branches = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                branches.add(Program.perform(new Fetch("item-" + i)));
            }
            Runner runner = Runner.of(shop().with(Combinators.parallelize(3))).with(options -> options.clock(clock));

            traced.start(runner, "fan-out", Program.parallel(branches)).await();

            List<SpanData> all = spans.getFinishedSpanItems();
            List<SpanData> blocks = all.stream().filter(span -> span.getName().equals("parallel")).toList();
            List<SpanData> branchSpans = all.stream().filter(span -> span.getName().equals("branch")).toList();
            List<SpanData> fetches = all.stream().filter(span -> span.getName().equals("Fetch")).toList();
            assertThat(blocks).hasSize(1);
            assertThat(branchSpans).hasSize(width).allMatch(branch -> isChildOf(branch, blocks.getFirst()));
            assertThat(fetches).hasSize(width);
            assertThat(fetches.stream().map(SpanData::getParentSpanId).distinct().count()).isEqualTo(width);
            assertThat(fetches).allMatch(fetch -> branchSpans.stream().anyMatch(branch -> isChildOf(fetch, branch)));
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.yield();
        }
    }
}
