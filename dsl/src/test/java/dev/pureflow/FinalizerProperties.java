package dev.pureflow;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Over random nestings of successes, failures, recovers, sequences, parallel blocks, ensuring and
 * bracket: every finalizer whose scope was entered runs exactly once, and inner ones before outer ones.
 */
class FinalizerProperties {

    sealed interface Step<R> extends Action<R> {
        record Work(int id) implements Step<Integer> {}

        record Broken(int id) implements Step<Integer> {}

        record Acquire(int id) implements Step<Integer> {}

        record Release(int id, boolean fails) implements Step<Void> {}
    }

    /** A random flow as data, so that jqwik can show and shrink it. */
    sealed interface Node {}

    record Ok() implements Node {}

    record Bad() implements Node {}

    record Seq(List<Node> nodes) implements Node {}

    record Par(List<Node> nodes) implements Node {}

    record Rescued(Node body) implements Node {}

    record Ensured(Node body, boolean releaseFails) implements Node {}

    record Bracketed(Node body, boolean releaseFails) implements Node {}

    /** Builds a node's program; guards get ids in the order they are built and remember their nesting. */
    static final class Builder {
        final Map<Integer, Integer> entered = new ConcurrentHashMap<>();
        final Map<Integer, List<Integer>> innerGuards = new ConcurrentHashMap<>();
        private final AtomicInteger ids = new AtomicInteger();

        Program<Integer> build(Node node, List<Integer> enclosingGuards) {
            return switch (node) {
                case Ok ok -> Program.perform(new Step.Work(ids.incrementAndGet()));
                case Bad bad -> Program.perform(new Step.Broken(ids.incrementAndGet()));
                case Seq seq -> Program.sequence(seq.nodes().stream().map(n -> build(n, enclosingGuards)).toList()).map(io.vavr.collection.List::size);
                case Par par -> Program.parallel(par.nodes().stream().map(n -> build(n, enclosingGuards)).toList()).map(io.vavr.collection.List::size);
                case Rescued rescued -> build(rescued.body(), enclosingGuards).recover(error -> -1);
                case Ensured ensured -> {
                    int id = guard(enclosingGuards);
                    Program<Integer> body = build(ensured.body(), with(enclosingGuards, id));
                    yield Program.defer(() -> {
                        entered.merge(id, 1, Integer::sum);
                        return body.ensuring(Program.perform(new Step.Release(id, ensured.releaseFails())));
                    });
                }
                case Bracketed bracketed -> {
                    int id = guard(enclosingGuards);
                    Program<Integer> body = build(bracketed.body(), with(enclosingGuards, id));
                    yield Program.bracket(
                            Program.perform(new Step.Acquire(id)),
                            resource -> {
                                entered.merge(id, 1, Integer::sum);
                                return body;
                            },
                            resource -> Program.perform(new Step.Release(resource, bracketed.releaseFails())));
                }
            };
        }

        private int guard(List<Integer> enclosingGuards) {
            int id = ids.incrementAndGet();
            enclosingGuards.forEach(outer -> innerGuards.computeIfAbsent(outer, o -> new CopyOnWriteArrayList<>()).add(id));
            return id;
        }

        private static List<Integer> with(List<Integer> guards, int id) {
            List<Integer> more = new ArrayList<>(guards);
            more.add(id);
            return more;
        }
    }

    @Property(tries = 200)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void every_entered_finalizer_runs_exactly_once_and_inner_ones_first(
            @ForAll("nodes") Node flow, @ForAll @IntRange(min = 1, max = 3) int parallelism) {
        List<Action<?>> performed = new CopyOnWriteArrayList<>();
        Executor executor = Executor.of(Step.class, step -> {
            performed.add(step);
            return switch (step) {
                case Step.Work work -> work.id();
                case Step.Broken broken -> throw new IllegalStateException("broken " + broken.id());
                case Step.Acquire acquire -> acquire.id();
                case Step.Release release -> {
                    if (release.fails()) {
                        throw new IllegalStateException("release " + release.id() + " failed");
                    }
                    yield null;
                }
            };
        });
        Builder builder = new Builder();
        Program<Integer> program = builder.build(flow, List.of());

        boolean failed = Runner.of(executor.with(parallelize(parallelism))).attempt(program).isFailure();
        Statistics.label("guards entered").collect(!builder.entered.isEmpty());
        Statistics.label("flow failed").collect(failed);
        Statistics.label("a release failed").collect(performed.stream().anyMatch(step -> step instanceof Step.Release r && r.fails()));

        Map<Integer, Integer> releases = new ConcurrentHashMap<>();
        Map<Integer, Integer> releasedAt = new ConcurrentHashMap<>();
        for (int i = 0; i < performed.size(); i++) {
            if (performed.get(i) instanceof Step.Release release) {
                releases.merge(release.id(), 1, Integer::sum);
                releasedAt.put(release.id(), i);
            }
        }
        assertThat(releases).as("releases per guard").isEqualTo(builder.entered);
        builder.entered.keySet().forEach(outer -> builder.innerGuards.getOrDefault(outer, List.of()).stream()
                .filter(releasedAt::containsKey)
                .forEach(inner -> assertThat(releasedAt.get(inner)).as("guard %d released before its outer guard %d", inner, outer)
                        .isLessThan(releasedAt.get(outer))));

        // the property is only as good as its cases: make sure the interesting ones are common
        Statistics.label("guards entered").coverage(coverage -> coverage.check(true).percentage(p -> p >= 30));
        Statistics.label("flow failed").coverage(coverage -> coverage.check(true).percentage(p -> p >= 15));
        Statistics.label("a release failed").coverage(coverage -> coverage.check(true).percentage(p -> p >= 5));
    }

    @Provide
    Arbitrary<Node> nodes() {
        return node(4);
    }

    private static Arbitrary<Node> node(int depth) {
        Arbitrary<Node> leaf = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(new Ok())), Tuple.of(1, Arbitraries.just(new Bad())));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Node> sub = node(depth - 1);
        Arbitrary<Boolean> releaseFails = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true)));
        return Arbitraries.frequencyOf(
                Tuple.of(3, leaf),
                Tuple.of(2, sub.list().ofMaxSize(3).map(Seq::new)),
                Tuple.of(2, sub.list().ofMaxSize(3).map(Par::new)),
                Tuple.of(1, sub.map(Rescued::new)),
                Tuple.of(2, Combinators.combine(sub, releaseFails).as(Ensured::new)),
                Tuple.of(2, Combinators.combine(sub, releaseFails).as(Bracketed::new)));
    }
}
