package dev.pureflow.observability.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.ActionFailedException;
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
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120) // a hang detector, sized for a machine several times slower than a laptop
class PureflowMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PureflowMetrics metrics = PureflowMetrics.on(registry);
    private final VirtualClock clock = VirtualClock.start();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    /** Fetch "flaky-N" fails N times then answers; Fetch "broken" always fails; Pay fails with a non-retried error. */
    private Executor shop() {
        return Executor.of(Shop.class, action -> switch (action) {
            case Fetch fetch when fetch.item().startsWith("flaky-") -> {
                int failures = Integer.parseInt(fetch.item().substring("flaky-".length()));
                if (calls.computeIfAbsent(fetch.item(), item -> new AtomicInteger()).incrementAndGet() <= failures) {
                    throw new IOException("flaky " + fetch.item());
                }
                yield "a " + fetch.item();
            }
            case Fetch fetch when fetch.item().equals("broken") -> throw new IOException("no such item");
            case Fetch fetch when fetch.item().equals("slow") -> {
                clock.sleep(Duration.ofMinutes(5));
                yield "late";
            }
            case Fetch fetch when fetch.item().equals("stuck") -> {
                clock.await(new CompletableFuture<>()); // until the run is cancelled
                yield "never";
            }
            case Fetch fetch -> "a " + fetch.item();
            case Pay pay -> throw new IllegalStateException("card declined");
            case Ship ship -> "shipped " + ship.item();
        });
    }

    private RetryPolicy threeAttempts() {
        return RetryPolicy.DEFAULT.withBackoff(Backoff.fixed(Duration.ofSeconds(1))).withJitter(0)
                .retryingOn(error -> error instanceof IOException);
    }

    private Runner runner() {
        return Runner.of(shop().with(metrics.retried(threeAttempts(), clock))).with(options -> options.clock(clock));
    }

    private double stepCount(String type, String outcome) {
        var timer = registry.find(PureflowMetrics.STEP).tags("type", type, "outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    private double retries(String type, String kind) {
        var counter = registry.find(PureflowMetrics.RETRY_CALLS).tags("type", type, "kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }

    private double runs(String flow, String outcome) {
        var timer = registry.find(PureflowMetrics.RUN).tags("flow", flow, "outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    private double active() {
        return registry.get(PureflowMetrics.STEPS_ACTIVE).gauge().value();
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    @Test
    void a_flow_with_retries_counts_each_call_by_kind_and_each_step_once() {
        Program<String> flow = Program.perform(new Fetch("flaky-2"))
                .flatMap(first -> Program.perform(new Fetch("plain")))
                .flatMap(second -> Program.perform(new Ship("plain")))
                .flatMap(shipped -> Program.perform(new Fetch("broken")).recover(error -> "gave up"))
                .flatMap(recovered -> Program.perform(new Pay("4111111111111111", 100)).recover(error -> "unpaid"));

        String result = metrics.start(runner(), "checkout", flow).await();

        assertThat(result).isEqualTo("unpaid");
        assertThat(retries("Fetch", "successful_with_retry")).isEqualTo(1);
        assertThat(retries("Fetch", "successful_without_retry")).isEqualTo(1);
        assertThat(retries("Fetch", "failed_with_retry")).isEqualTo(1);
        assertThat(retries("Pay", "failed_without_retry")).isEqualTo(1);
        assertThat(retries("Ship", "successful_without_retry")).isEqualTo(1);
        assertThat(calls.get("flaky-2")).hasValue(3);
        // a retried action is one step: its attempts happen inside the executor
        assertThat(stepCount("Fetch", "success")).isEqualTo(2);
        assertThat(stepCount("Fetch", "failure")).isEqualTo(1);
        assertThat(stepCount("Pay", "failure")).isEqualTo(1);
        assertThat(stepCount("Ship", "success")).isEqualTo(1);
        assertThat(runs("checkout", "success")).isEqualTo(1);
        assertThat(active()).isZero();
    }

    @Test
    void a_failing_step_fails_the_run_and_both_are_timed_as_failures() {
        Program<String> flow = Program.perform(new Fetch("plain")).flatMap(item -> Program.perform(new Pay("4111", 5)));

        RunHandle<String> handle = metrics.start(runner(), "pay", flow);

        assertThatThrownBy(handle::await).isInstanceOf(ActionFailedException.class);
        assertThat(stepCount("Fetch", "success")).isEqualTo(1);
        assertThat(stepCount("Pay", "failure")).isEqualTo(1);
        assertThat(runs("pay", "failure")).isEqualTo(1);
        assertThat(runs("pay", "success")).isZero();
        assertThat(registry.get(PureflowMetrics.STEP).tags("type", "Fetch", "outcome", "success").timer()
                .totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isNotNegative();
    }

    @Test
    void a_step_past_its_time_limit_is_timed_as_a_timeout() {
        Runner runner = Runner.of(shop().with(Combinators.timeout(Duration.ofSeconds(10), clock))).with(options -> options.clock(clock));

        RunHandle<String> handle = metrics.start(runner, "slow", Program.perform(new Fetch("slow")));

        assertThatThrownBy(handle::await).isInstanceOf(ActionFailedException.class);
        assertThat(stepCount("Fetch", "timeout")).isEqualTo(1);
        assertThat(stepCount("Fetch", "failure")).isZero();
        assertThat(runs("slow", "failure")).isEqualTo(1);
    }

    @Test
    void a_cancelled_run_is_timed_as_cancelled_and_its_step_leaves_the_in_flight_gauge() {
        RunHandle<String> handle = metrics.start(runner(), "stuck", Program.perform(new Fetch("stuck")));
        await(() -> active() == 1);

        handle.cancel();

        await(() -> runs("stuck", "cancelled") == 1);
        assertThat(stepCount("Fetch", "cancelled")).isEqualTo(1);
        assertThat(active()).isZero();
        assertThat(runs("stuck", "success") + runs("stuck", "failure")).isZero();
    }

    @Test
    void a_run_past_its_deadline_is_timed_as_a_timeout() {
        Runner runner = runner().with(options -> options.timeout(Duration.ofSeconds(30)));

        RunHandle<String> handle = metrics.start(runner, "deadline", Program.perform(new Fetch("slow")));

        assertThatThrownBy(handle::await).isInstanceOf(dev.pureflow.FlowTimeoutException.class);
        await(() -> runs("deadline", "timeout") == 1);
    }

    @Test
    void no_meter_is_tagged_with_a_run_id_step_number_job_id_or_argument() {
        Program<String> flow = Program.perform(new Fetch("flaky-1"))
                .flatMap(first -> Program.perform(new Pay("4111111111111111", 100)).recover(error -> "unpaid"));
        metrics.start(runner(), "checkout", flow).await();
        metrics.start(runner(), "checkout", flow).await();

        Set<String> keys = registry.getMeters().stream().map(Meter::getId)
                .flatMap(id -> id.getTags().stream()).map(Tag::getKey).collect(Collectors.toSet());
        Set<String> values = registry.getMeters().stream().map(Meter::getId)
                .flatMap(id -> id.getTags().stream()).map(Tag::getValue).collect(Collectors.toSet());
        assertThat(keys).isSubsetOf("type", "outcome", "flow", "kind", "executor");
        assertThat(values).noneMatch(value -> value.contains("4111") || value.contains("flaky") || value.matches("\\d+"));
        assertThat(registry.find(PureflowMetrics.RUN).timers()).hasSize(1);
    }

    @Test
    void the_timed_combinator_feeds_a_micrometer_timer_in_one_line() {
        var timer = registry.timer("shop.actions");
        Executor executor = shop().with(Combinators.timed(timing -> timer.record(timing.duration()), clock));

        Runner.of(executor).with(options -> options.clock(clock)).run(Program.perform(new Ship("book")));

        assertThat(timer.count()).isEqualTo(1);
    }

    @Test
    void the_jobs_gauge_counts_running_process_jobs() throws Exception {
        try (var processes = dev.pureflow.interpreters.process.ProcessExecutor.create()) {
            metrics.bindJobs(processes, "main");
            Runner runner = Runner.of(processes);
            var job = runner.run(Program.perform(dev.pureflow.interpreters.process.ProcessAction.start(
                    dev.pureflow.interpreters.process.Command.of("sleep", "60"))));
            assertThat(registry.get(PureflowMetrics.PROCESS_JOBS).tag("executor", "main").gauge().value()).isEqualTo(1);

            runner.run(Program.perform(dev.pureflow.interpreters.process.ProcessAction.kill(job.id())));

            assertThat(registry.get(PureflowMetrics.PROCESS_JOBS).gauge().value()).isZero();
        }
    }

    @Property(tries = 30)
    void every_step_is_timed_once_and_none_stays_in_flight(@ForAll @Size(max = 8) List<Boolean> succeeds) {
        SimpleMeterRegistry fresh = new SimpleMeterRegistry();
        PureflowMetrics measured = PureflowMetrics.on(fresh);
        Program<String> flow = Program.pure("start");
        for (boolean succeed : succeeds) {
            Program<String> step = succeed ? Program.perform(new Ship("x")) : Program.perform(new Pay("1", 1));
            flow = flow.flatMap(previous -> step.recover(error -> "recovered"));
        }
        Runner runner = Runner.of(shop()).with(options -> options.clock(clock));

        measured.start(runner, "property", flow).await();

        long successes = succeeds.stream().filter(b -> b).count();
        long ok = fresh.find(PureflowMetrics.STEP).tags("outcome", "success").timers().stream().mapToLong(Timer::count).sum();
        long failed = fresh.find(PureflowMetrics.STEP).tags("outcome", "failure").timers().stream().mapToLong(Timer::count).sum();
        assertThat(ok).isEqualTo(successes);
        assertThat(failed).isEqualTo(succeeds.size() - successes);
        assertThat(fresh.get(PureflowMetrics.STEPS_ACTIVE).gauge().value()).isZero();
        assertThat(fresh.get(PureflowMetrics.RUN).tags("flow", "property", "outcome", "success").timer().count()).isEqualTo(1);
    }
}
