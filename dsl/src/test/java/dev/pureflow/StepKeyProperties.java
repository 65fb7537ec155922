package dev.pureflow;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Step keys do not depend on scheduling: for any tree of sequential, parallel and direct-style
 * programs, a run one branch at a time and a run of eight at once, with branches finishing in an
 * order the seed shuffles, give every action the same key, and no two steps of a run share one.
 */
class StepKeyProperties {

    /** A program's shape: leaves perform an action (or publish), the rest combine their children. */
    sealed interface Shape {
        record Leaf(int id) implements Shape {}

        record Sequence(java.util.List<Shape> children) implements Shape {}

        record Parallel(java.util.List<Shape> children) implements Shape {}

        record Direct(java.util.List<Shape> children) implements Shape {}
    }

    @Property(tries = 60)
    void keys_are_unique_and_the_same_one_branch_at_a_time_and_eight_at_once(
            @ForAll("shapes") Shape shape, @ForAll long completionSeed) {
        List<Tuple2<String, Action<?>>> oneAtATime = keysAndActions(shape, 1, completionSeed);
        List<Tuple2<String, Action<?>>> eightAtOnce = keysAndActions(shape, 8, completionSeed);

        assertThat(oneAtATime.map(Tuple2::_1)).doesNotHaveDuplicates();
        assertThat(eightAtOnce.map(Tuple2::_1)).doesNotHaveDuplicates();
        assertThat(eightAtOnce).containsExactlyInAnyOrderElementsOf(oneAtATime);
    }

    private static List<Tuple2<String, Action<?>>> keysAndActions(Shape shape, int parallelism, long completionSeed) {
        ConcurrentLinkedQueue<Tuple2<String, Action<?>>> seen = new ConcurrentLinkedQueue<>();
        // each action holds its thread back a span the seed picks, so branches finish in a shuffled order
        Executor jittery = Executor.of(Cmd.Get.class, get -> {
            LockSupport.parkNanos(Math.floorMod(completionSeed * 31 + get.n() * 0x9E3779B9L, 200_000));
            return get.n();
        });
        Runner runner = Runner.of(jittery.with(parallelize(parallelism)))
                .with(options -> options.listener(StepListener.onStarted(step -> seen.add(Tuple.of(step.key().toString(), step.action())))));

        runner.run(program(shape));

        return List.ofAll(seen);
    }

    private static Program<Integer> program(Shape shape) {
        return switch (shape) {
            case Shape.Leaf leaf -> leaf.id() % 4 == 3
                    ? Program.publish("leaf", leaf.id()).map(published -> leaf.id())
                    : Program.perform(new Cmd.Get(leaf.id()));
            case Shape.Sequence sequence -> Program.sequence(List.ofAll(sequence.children()).map(StepKeyProperties::program))
                    .map(values -> values.sum().intValue());
            case Shape.Parallel parallel -> Program.parallel(List.ofAll(parallel.children()).map(StepKeyProperties::program))
                    .map(values -> values.sum().intValue());
            case Shape.Direct direct -> Program.direct(flow -> {
                int sum = 0;
                for (Shape child : direct.children()) {
                    sum += child instanceof Shape.Leaf leaf && leaf.id() % 4 != 3
                            ? flow.perform(new Cmd.Get(leaf.id()))
                            : flow.run(program(child));
                }
                return sum;
            });
        };
    }

    @Provide
    Arbitrary<Shape> shapes() {
        return Arbitraries.recursive(this::leaf, this::compound, 0, 4);
    }

    private Arbitrary<Shape> leaf() {
        return Arbitraries.integers().between(0, 1_000_000).map(Shape.Leaf::new);
    }

    private Arbitrary<Shape> compound(Arbitrary<Shape> children) {
        Arbitrary<java.util.List<Shape>> some = children.list().ofMinSize(0).ofMaxSize(4);
        return Arbitraries.oneOf(
                some.map(Shape.Sequence::new),
                some.map(Shape.Parallel::new),
                some.map(Shape.Direct::new));
    }
}
