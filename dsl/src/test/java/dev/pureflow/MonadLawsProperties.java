package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Try;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * The monad laws hold for programs as the runner interprets them: both sides of each law perform the
 * same actions in the same order and end with the same value or the same error. The programs and
 * functions are random trees of pure values, actions, failing actions, failures, binds, recovers,
 * defers, brackets, parallel pairs and direct-style bodies.
 */
class MonadLawsProperties {

    /** The tiny action family the random programs perform. */
    sealed interface Tiny<R> extends Action<R> {
        /** Answered with {@code n + 1}. */
        record Inc(int n) implements Tiny<Integer> {}

        /** Fails with a {@link Boom}. */
        record Explode(int n) implements Tiny<Integer> {}
    }

    /** The error random programs fail with. */
    static final class Boom extends RuntimeException {
        Boom(String message) {
            super(message);
        }
    }

    /** A random function from an int to a program, as data so that jqwik can show and shrink it. */
    sealed interface Shape {
        Program<Integer> build(int x);
    }

    record Const(int c) implements Shape {
        public Program<Integer> build(int x) {
            return Program.pure(x + c);
        }
    }

    record Act(int c) implements Shape {
        public Program<Integer> build(int x) {
            return Program.perform(new Tiny.Inc(x + c));
        }
    }

    record Explode(int c) implements Shape {
        public Program<Integer> build(int x) {
            return Program.perform(new Tiny.Explode(x + c));
        }
    }

    record Raise(int c) implements Shape {
        public Program<Integer> build(int x) {
            return Program.fail(new Boom("raised " + (x + c)));
        }
    }

    record Bind(Shape first, Shape then) implements Shape {
        public Program<Integer> build(int x) {
            return first.build(x).flatMap(then::build);
        }
    }

    record Rescue(Shape body, Shape handler) implements Shape {
        public Program<Integer> build(int x) {
            return body.build(x).recoverWith(error -> handler.build(describe(error).length()));
        }
    }

    record Lazy(Shape inner) implements Shape {
        public Program<Integer> build(int x) {
            return Program.defer(() -> inner.build(x));
        }
    }

    record Guarded(Shape acquire, Shape use, Shape release) implements Shape {
        public Program<Integer> build(int x) {
            return Program.bracket(acquire.build(x), use::build, release::build);
        }
    }

    record Both(Shape left, Shape right) implements Shape {
        public Program<Integer> build(int x) {
            return left.build(x).zipWith(right.build(x + 1), Integer::sum);
        }
    }

    record InDirectStyle(Shape first, Shape then) implements Shape {
        public Program<Integer> build(int x) {
            return Program.direct(flow -> flow.run(then.build(flow.run(first.build(x)))));
        }
    }

    /** What a run did: the actions it performed, in order, and how it ended. */
    record Observed(List<Action<?>> performed, String outcome) {}

    static Observed observe(Program<Integer> program) {
        List<Action<?>> performed = new CopyOnWriteArrayList<>();
        Executor executor = Executor.of(Tiny.class, tiny -> {
            performed.add(tiny);
            return switch (tiny) {
                case Tiny.Inc inc -> inc.n() + 1;
                case Tiny.Explode explode -> throw new Boom("exploded " + explode.n());
            };
        });
        Try<Integer> outcome = Runner.of(executor).attempt(program);
        return new Observed(List.copyOf(performed), outcome.isSuccess() ? "value " + outcome.get() : "error " + describe(outcome.getCause()));
    }

    /** An error with everything that tells it apart: type, message, cause and suppressed errors. */
    static String describe(Throwable error) {
        return error.getClass().getSimpleName() + "(" + error.getMessage() + ")"
                + (error.getCause() == null ? "" : " caused by " + describe(error.getCause()))
                + (error.getSuppressed().length == 0 ? "" : " suppressing "
                        + Arrays.stream(error.getSuppressed()).map(MonadLawsProperties::describe).toList());
    }

    @Property(tries = 200)
    void left_identity(@ForAll @IntRange(min = -3, max = 3) int a, @ForAll("shapes") Shape f) {
        assertThat(observe(Program.pure(a).flatMap(f::build))).isEqualTo(observe(f.build(a)));
    }

    @Property(tries = 200)
    void right_identity(@ForAll @IntRange(min = -3, max = 3) int seed, @ForAll("shapes") Shape m) {
        Program<Integer> program = m.build(seed);

        assertThat(observe(program.flatMap(Program::pure))).isEqualTo(observe(program));
    }

    @Property(tries = 200)
    void associativity(
            @ForAll @IntRange(min = -3, max = 3) int seed,
            @ForAll("shapes") Shape m,
            @ForAll("shapes") Shape f,
            @ForAll("shapes") Shape g) {
        Program<Integer> program = m.build(seed);

        Observed leftAssociated = observe(program.flatMap(f::build).flatMap(g::build));
        Observed rightAssociated = observe(program.flatMap(x -> f.build(x).flatMap(g::build)));

        assertThat(leftAssociated).isEqualTo(rightAssociated);
    }

    @Property(tries = 100)
    void map_is_flatMap_with_pure(@ForAll @IntRange(min = -3, max = 3) int seed, @ForAll("shapes") Shape m) {
        Function<Integer, Integer> f = x -> x * 3 - 1;
        Program<Integer> program = m.build(seed);

        assertThat(observe(program.map(f))).isEqualTo(observe(program.flatMap(x -> Program.pure(f.apply(x)))));
    }

    @Property(tries = 50)
    void the_observation_tells_different_values_apart_so_the_laws_can_fail(@ForAll("shapes") Shape m) {
        Program<Integer> program = m.build(0);
        Assume.that(observe(program).outcome().startsWith("value"));

        assertThat(observe(program.map(x -> x + 1))).isNotEqualTo(observe(program.map(x -> x + 2)));
    }

    @Property(tries = 50)
    void the_observation_tells_different_actions_and_errors_apart(@ForAll @IntRange(min = -3, max = 3) int x) {
        assertThat(observe(new Act(0).build(x))).isNotEqualTo(observe(new Act(1).build(x)));
        assertThat(observe(new Raise(0).build(x))).isNotEqualTo(observe(new Raise(1).build(x)));
        assertThat(observe(new Explode(0).build(x)).outcome()).contains("exploded " + x);
    }

    @Provide
    Arbitrary<Shape> shapes() {
        return shape(3);
    }

    private static Arbitrary<Shape> shape(int depth) {
        Arbitrary<Integer> small = Arbitraries.integers().between(-3, 3);
        Arbitrary<Shape> leaf = Arbitraries.oneOf(
                small.map(Const::new), small.map(Act::new), small.map(Explode::new), small.map(Raise::new));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Shape> sub = shape(depth - 1);
        return Arbitraries.frequencyOf(
                Tuple.of(4, leaf),
                Tuple.of(3, Combinators.combine(sub, sub).as(Bind::new)),
                Tuple.of(2, Combinators.combine(sub, sub).as(Rescue::new)),
                Tuple.of(1, sub.map(Lazy::new)),
                Tuple.of(1, Combinators.combine(sub, sub, sub).as(Guarded::new)),
                Tuple.of(1, Combinators.combine(sub, sub).as(Both::new)),
                Tuple.of(1, Combinators.combine(sub, sub).as(InDirectStyle::new)));
    }
}
