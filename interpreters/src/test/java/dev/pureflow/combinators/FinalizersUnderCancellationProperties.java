package dev.pureflow.combinators;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Action;
import dev.pureflow.ActionFailedException;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.fake.VirtualClock;
import io.vavr.control.Try;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Over random nestings of parallel blocks, sequences, brackets and {@code ensuring} whose
 * finalizers are themselves such nestings, with random latencies in virtual time and a cancel at a
 * random virtual moment (by the handle or by the run's deadline): every acquired resource is
 * released exactly once, every finalizer that was entered runs every one of its steps exactly once
 * (parallel blocks in it included), nothing runs twice, and a run that was still going when the
 * cancel came ends cancelled or with its own failure, never with a value.
 */
class FinalizersUnderCancellationProperties {

    sealed interface Step<R> extends Action<R> {
        /** Sleeps {@code millis} of virtual time, then answers 1. */
        record Work(int id, int millis) implements Step<Integer> {}

        /** Sleeps {@code millis}, then fails. */
        record Broken(int id, int millis) implements Step<Integer> {}

        /** A bracket's acquisition: sleeps {@code millis}, then answers the resource {@code id}. */
        record Acquire(int id, int millis) implements Step<Integer> {}
    }

    /** A random flow as data, so that jqwik can show and shrink it. */
    sealed interface Node {}

    record Ok(int millis) implements Node {}

    record Bad(int millis) implements Node {}

    record Seq(List<Node> nodes) implements Node {}

    record Par(List<Node> nodes) implements Node {}

    record Ensured(Node body, Node finalizer) implements Node {}

    record Bracketed(int acquireMillis, Node use, Node release) implements Node {}

    enum CancelBy { HANDLE, DEADLINE }

    /** Builds a node's program, remembering which steps each guard's finalizer is made of. */
    static final class Builder {
        final Map<Integer, Integer> finalizersEntered = new ConcurrentHashMap<>();
        final Set<Integer> ensuredBodiesStarted = ConcurrentHashMap.newKeySet();
        final Map<Integer, List<Integer>> finalizerSteps = new ConcurrentHashMap<>();
        final Set<Integer> brackets = ConcurrentHashMap.newKeySet();
        private final AtomicInteger ids = new AtomicInteger();

        Program<Integer> build(Node node, List<List<Integer>> enclosingFinalizers) {
            return switch (node) {
                case Ok ok -> Program.perform(new Step.Work(step(enclosingFinalizers), ok.millis()));
                case Bad bad -> Program.perform(new Step.Broken(step(enclosingFinalizers), bad.millis()));
                case Seq seq -> Program.sequence(all(seq.nodes(), enclosingFinalizers)).map(Builder::sum);
                case Par par -> Program.parallel(all(par.nodes(), enclosingFinalizers)).map(Builder::sum);
                case Ensured ensured -> {
                    int guard = ids.incrementAndGet();
                    Program<Integer> body = build(ensured.body(), enclosingFinalizers);
                    Program<Integer> finalizer = finalizer(guard, ensured.finalizer(), enclosingFinalizers);
                    yield Program.defer(() -> {
                        ensuredBodiesStarted.add(guard);
                        return body;
                    }).ensuring(finalizer);
                }
                case Bracketed bracketed -> {
                    int guard = step(enclosingFinalizers);
                    brackets.add(guard);
                    Program<Integer> use = build(bracketed.use(), enclosingFinalizers);
                    Program<Integer> release = finalizer(guard, bracketed.release(), enclosingFinalizers);
                    yield Program.bracket(
                            Program.perform(new Step.Acquire(guard, bracketed.acquireMillis())),
                            resource -> use,
                            resource -> release);
                }
            };
        }

        private Program<Integer> finalizer(int guard, Node node, List<List<Integer>> enclosingFinalizers) {
            List<Integer> steps = new CopyOnWriteArrayList<>();
            finalizerSteps.put(guard, steps);
            List<List<Integer>> enclosing = new ArrayList<>(enclosingFinalizers);
            enclosing.add(steps);
            Program<Integer> program = build(node, enclosing);
            return Program.defer(() -> {
                finalizersEntered.merge(guard, 1, Integer::sum);
                return program;
            });
        }

        /** A new step id, counted as part of every finalizer it is nested in. */
        private int step(List<List<Integer>> enclosingFinalizers) {
            int id = ids.incrementAndGet();
            enclosingFinalizers.forEach(steps -> steps.add(id));
            return id;
        }

        private List<Program<Integer>> all(List<Node> nodes, List<List<Integer>> enclosingFinalizers) {
            return nodes.stream().map(n -> build(n, enclosingFinalizers)).toList();
        }

        /** Sums the branch values: a null where a value should be fails the flow. */
        private static int sum(io.vavr.collection.List<Integer> values) {
            return values.map(Integer::intValue).sum().intValue();
        }
    }

    @Property(tries = 200)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void every_resource_is_released_and_every_finalizer_step_runs_exactly_once_whenever_the_run_is_cancelled(
            @ForAll("flows") Node flow,
            @ForAll @IntRange(min = 1, max = 3) int parallelism,
            @ForAll @IntRange(min = 1, max = 12) int cancelAtMillis,
            @ForAll CancelBy cancelBy) throws Exception {
        VirtualClock clock = VirtualClock.start();
        Map<Integer, Integer> performed = new ConcurrentHashMap<>();
        Executor executor = Executor.of(Step.class, step -> switch (step) {
            case Step.Work work -> {
                sleep(clock, work.millis());
                performed.merge(work.id(), 1, Integer::sum);
                yield 1;
            }
            case Step.Broken broken -> {
                sleep(clock, broken.millis());
                performed.merge(broken.id(), 1, Integer::sum);
                throw new IllegalStateException("broken " + broken.id());
            }
            case Step.Acquire acquire -> {
                sleep(clock, acquire.millis());
                performed.merge(acquire.id(), 1, Integer::sum);
                yield acquire.id();
            }
        });
        Builder builder = new Builder();
        Program<Integer> program = builder.build(flow, List.of());
        Duration cancelAt = Duration.ofMillis(cancelAtMillis);
        Runner runner = Runner.of(executor.with(parallelize(parallelism))).with(options -> cancelBy == CancelBy.DEADLINE
                ? options.clock(clock).timeout(cancelAt)
                : options.clock(clock));

        CompletableFuture<RunHandle<Integer>> started = new CompletableFuture<>();
        // blocks on the future, not on the clock, so time stands still until the run has its handle
        Thread canceller = clock.startThread("test-canceller", () -> {
            RunHandle<Integer> handle = started.join();
            sleep(clock, cancelAtMillis);
            if (cancelBy == CancelBy.HANDLE) {
                handle.cancel();
            }
        });
        AtomicLong endedAtNanos = new AtomicLong();
        RunHandle<Integer> handle = runner.start(program);
        handle.onComplete(outcome -> endedAtNanos.set(clock.nanoTime()));
        started.complete(handle);
        Try<Integer> outcome = handle.awaitOutcome();
        assertThat(canceller.join(Duration.ofSeconds(30))).as("the canceller ended").isTrue();

        builder.finalizersEntered.forEach((guard, times) ->
                assertThat(times).as("finalizer of guard %d entered", guard).isEqualTo(1));
        performed.forEach((id, times) -> assertThat(times).as("step %d performed", id).isEqualTo(1));
        for (int bracket : builder.brackets) {
            assertThat(builder.finalizersEntered.containsKey(bracket))
                    .as("bracket %d released exactly when it was acquired", bracket)
                    .isEqualTo(performed.containsKey(bracket));
        }
        for (int guard : builder.ensuredBodiesStarted) {
            assertThat(builder.finalizersEntered).as("finalizer of the started body %d", guard).containsKey(guard);
        }
        builder.finalizersEntered.keySet().forEach(guard -> assertThat(performed.keySet())
                .as("every step of the entered finalizer %d", guard)
                .containsAll(builder.finalizerSteps.get(guard)));

        boolean liveAtCancel = endedAtNanos.get() > cancelAt.toNanos();
        if (outcome.isSuccess()) {
            assertThat(liveAtCancel).as("a run still going when it was cancelled succeeded").isFalse();
            assertThat(outcome.get()).isEqualTo(expectedValue(flow));
        } else {
            assertThat(outcome.getCause()).satisfiesAnyOf(
                    error -> assertThat(error).isInstanceOf(CancellationException.class),
                    error -> assertThat(error).isInstanceOf(ActionFailedException.class)
                            .satisfies(failed -> assertThat(((ActionFailedException) failed).action()).isInstanceOf(Step.Broken.class)));
        }
        if (liveAtCancel && outcome.getCause() instanceof CancellationException cancelled) {
            assertThat(cancelled).as("the cancellation %s", cancelBy)
                    .isInstanceOf(cancelBy == CancelBy.DEADLINE ? dev.pureflow.FlowTimeoutException.class : CancellationException.class);
        }

        Statistics.label("cancelled while running").collect(liveAtCancel);
        Statistics.label("a finalizer ran").collect(!builder.finalizersEntered.isEmpty());
        Statistics.label("cancelled while running").coverage(coverage -> coverage.check(true).percentage(p -> p >= 30));
        Statistics.label("a finalizer ran").coverage(coverage -> coverage.check(true).percentage(p -> p >= 30));
    }

    /** The value of a flow that ran to the end: 1 per step on the value path. */
    private static int expectedValue(Node node) {
        return switch (node) {
            case Ok ok -> 1;
            case Bad bad -> throw new IllegalStateException("a flow with a failing step on its value path cannot succeed");
            case Seq seq -> seq.nodes().stream().mapToInt(FinalizersUnderCancellationProperties::expectedValue).sum();
            case Par par -> par.nodes().stream().mapToInt(FinalizersUnderCancellationProperties::expectedValue).sum();
            case Ensured ensured -> expectedValue(ensured.body());
            case Bracketed bracketed -> expectedValue(bracketed.use());
        };
    }

    private static void sleep(VirtualClock clock, int millis) {
        try {
            clock.sleep(Duration.ofMillis(millis));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }

    @Provide
    Arbitrary<Node> flows() {
        return node(3, true);
    }

    /** Finalizers have no failing steps, so that every step of one that is entered must run. */
    private static Arbitrary<Node> node(int depth, boolean mayFail) {
        Arbitrary<Integer> millis = Arbitraries.integers().between(0, 3);
        Arbitrary<Node> ok = millis.map(Ok::new);
        Arbitrary<Node> leaf = mayFail
                ? Arbitraries.frequencyOf(Tuple.of(4, ok), Tuple.of(1, millis.map(Bad::new)))
                : ok;
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Node> sub = Arbitraries.lazy(() -> node(depth - 1, mayFail));
        Arbitrary<Node> finalizer = Arbitraries.lazy(() -> finalizer(depth - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(2, leaf),
                Tuple.of(2, sub.list().ofMinSize(1).ofMaxSize(3).map(Seq::new)),
                Tuple.of(3, sub.list().ofMinSize(1).ofMaxSize(3).map(Par::new)),
                Tuple.of(3, Combinators.combine(sub, finalizer).as(Ensured::new)),
                Tuple.of(3, Combinators.combine(millis, sub, finalizer).as(Bracketed::new)));
    }

    /** A finalizer: most often a parallel block, since that is where cancellation used to skip work. */
    private static Arbitrary<Node> finalizer(int depth) {
        Arbitrary<Node> any = node(depth, false);
        Arbitrary<Node> parallel = node(depth, false).list().ofMinSize(2).ofMaxSize(3).map(Par::new);
        return Arbitraries.frequencyOf(Tuple.of(1, any), Tuple.of(2, parallel));
    }
}
