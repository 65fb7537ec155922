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
import java.util.concurrent.TimeUnit;
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
            case Fetch fetch when fetch.item().startsWith("wait-") -> {
                clock.sleep(Duration.ofSeconds(Long.parseLong(fetch.item().substring("wait-".length()))));
                yield "waited";
            }
            case Fetch fetch when fetch.item().startsWith("fail-after-") -> {
                clock.sleep(Duration.ofSeconds(Long.parseLong(fetch.item().substring("fail-after-".length()))));
                throw new IOException("failed late");
            }
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

    /** The {@code pureflow.step} timer of {@code type} and {@code outcome}, which must exist. */
    private Timer stepTimer(String type, String outcome) {
        return registry.get(PureflowMetrics.STEP).tags("type", type, "outcome", outcome).timer();
    }

    private static Duration total(Timer timer) {
        return Duration.ofNanos((long) timer.totalTime(TimeUnit.NANOSECONDS));
    }

    private static Duration max(Timer timer) {
        return Duration.ofNanos((long) timer.max(TimeUnit.NANOSECONDS));
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
    void each_step_timer_holds_the_count_total_and_max_of_its_type_and_outcome_on_the_runs_clock() {
        Program<String> flow = Program.perform(new Fetch("wait-3"))
                .flatMap(first -> Program.perform(new Fetch("wait-5")))
                .flatMap(second -> Program.perform(new Ship("book")))
                .flatMap(shipped -> Program.perform(new Fetch("fail-after-2")).recover(error -> "gave up"))
                .flatMap(recovered -> Program.perform(new Fetch("fail-after-4")).recover(error -> "gave up again"));

        metrics.start(Runner.of(shop()).with(options -> options.clock(clock)), "timed", flow).await();

        Timer fetched = stepTimer("Fetch", "success");
        assertThat(fetched.count()).isEqualTo(2);
        assertThat(total(fetched)).isEqualTo(Duration.ofSeconds(8));
        assertThat(max(fetched)).isEqualTo(Duration.ofSeconds(5));
        Timer failed = stepTimer("Fetch", "failure");
        assertThat(failed.count()).isEqualTo(2);
        assertThat(total(failed)).isEqualTo(Duration.ofSeconds(6));
        assertThat(max(failed)).isEqualTo(Duration.ofSeconds(4));
        Timer shipped = stepTimer("Ship", "success");
        assertThat(shipped.count()).isEqualTo(1);
        assertThat(total(shipped)).isZero();
        // every (type, outcome) pair has its timer from the type's first step, the unused ones empty
        assertThat(stepTimer("Ship", "failure").count()).isZero();
        assertThat(registry.find(PureflowMetrics.STEP).timers()).hasSize(8);
        assertThat(active()).isZero();
    }

    @Test
    void timeouts_and_cancellations_are_timed_in_their_own_timers_for_as_long_as_the_step_ran() {
        Runner limited = Runner.of(shop().with(Combinators.timeout(Duration.ofSeconds(10), clock))).with(options -> options.clock(clock));
        assertThatThrownBy(() -> metrics.start(limited, "slow", Program.perform(new Fetch("slow"))).await())
                .isInstanceOf(ActionFailedException.class);
        RunHandle<String> stuck = metrics.start(runner(), "stuck", Program.perform(new Fetch("stuck")));
        await(() -> active() == 1);
        clock.advance(Duration.ofSeconds(7));

        stuck.cancel();

        await(() -> runs("stuck", "cancelled") == 1);
        Timer timedOut = stepTimer("Fetch", "timeout");
        assertThat(timedOut.count()).isEqualTo(1);
        assertThat(total(timedOut)).isEqualTo(Duration.ofSeconds(10));
        assertThat(max(timedOut)).isEqualTo(Duration.ofSeconds(10));
        Timer cancelled = stepTimer("Fetch", "cancelled");
        assertThat(cancelled.count()).isEqualTo(1);
        assertThat(total(cancelled)).isEqualTo(Duration.ofSeconds(7));
        assertThat(max(cancelled)).isEqualTo(Duration.ofSeconds(7));
        assertThat(stepTimer("Fetch", "success").count()).isZero();
        assertThat(stepTimer("Fetch", "failure").count()).isZero();
        assertThat(active()).isZero();
    }

    @Test
    void steps_of_types_met_in_turn_each_land_in_their_own_types_timer() {
        Program<String> flow = Program.perform(new Fetch("a"))
                .flatMap(x -> Program.perform(new Ship("b")))
                .flatMap(x -> Program.perform(new Fetch("wait-2")))
                .flatMap(x -> Program.perform(new Ship("c")))
                .flatMap(x -> Program.perform(new Fetch("d")));

        metrics.start(Runner.of(shop()).with(options -> options.clock(clock)), "alternating", flow).await();

        assertThat(stepTimer("Fetch", "success").count()).isEqualTo(3);
        assertThat(total(stepTimer("Fetch", "success"))).isEqualTo(Duration.ofSeconds(2));
        assertThat(stepTimer("Ship", "success").count()).isEqualTo(2);
        assertThat(total(stepTimer("Ship", "success"))).isZero();
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

    @Property(tries = 30)
    void each_outcomes_timer_totals_and_maxes_the_durations_of_its_steps(
            @ForAll @Size(max = 8) List<@net.jqwik.api.constraints.IntRange(min = 0, max = 9) Integer> seconds,
            @ForAll @Size(max = 8) List<Boolean> succeeds) {
        SimpleMeterRegistry fresh = new SimpleMeterRegistry();
        PureflowMetrics measured = PureflowMetrics.on(fresh);
        Program<String> flow = Program.pure("start");
        long okTotal = 0;
        long okMax = 0;
        long failedTotal = 0;
        long failedMax = 0;
        for (int i = 0; i < seconds.size(); i++) {
            int wait = seconds.get(i);
            boolean succeed = i >= succeeds.size() || succeeds.get(i);
            Program<String> step = Program.perform(new Fetch((succeed ? "wait-" : "fail-after-") + wait));
            flow = flow.flatMap(previous -> step.recover(error -> "recovered"));
            if (succeed) {
                okTotal += wait;
                okMax = Math.max(okMax, wait);
            } else {
                failedTotal += wait;
                failedMax = Math.max(failedMax, wait);
            }
        }

        measured.start(Runner.of(shop()).with(options -> options.clock(clock)), "property", flow).await();

        Timer ok = fresh.find(PureflowMetrics.STEP).tags("type", "Fetch", "outcome", "success").timer();
        Timer failed = fresh.find(PureflowMetrics.STEP).tags("type", "Fetch", "outcome", "failure").timer();
        long okCount = java.util.stream.IntStream.range(0, seconds.size()).filter(i -> i >= succeeds.size() || succeeds.get(i)).count();
        if (seconds.isEmpty()) {
            assertThat(fresh.find(PureflowMetrics.STEP).timers()).isEmpty();
        } else {
            assertThat(ok.count()).isEqualTo(okCount);
            assertThat(total(ok)).isEqualTo(Duration.ofSeconds(okTotal));
            assertThat(max(ok)).isEqualTo(Duration.ofSeconds(okMax));
            assertThat(failed.count()).isEqualTo(seconds.size() - okCount);
            assertThat(total(failed)).isEqualTo(Duration.ofSeconds(failedTotal));
            assertThat(max(failed)).isEqualTo(Duration.ofSeconds(failedMax));
        }
        assertThat(fresh.get(PureflowMetrics.STEPS_ACTIVE).gauge().value()).isZero();
    }
}
