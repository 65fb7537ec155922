package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.constraints.Size;

/** Chains of random depth and random mixes of binds, maps, recovers, defers and finalizers never overflow the stack. */
class StackSafetyProperties {

    /** What wraps each level of a chain; none of them changes the value. */
    enum Layer {
        FLAT_MAP(p -> p.flatMap(Program::pure)),
        MAP(p -> p.map(Function.identity())),
        RECOVER(p -> p.recover(error -> -1)),
        RECOVER_WITH(p -> p.recoverWith(Program::fail)),
        DEFER(p -> Program.defer(() -> p)),
        ENSURING(p -> p.ensuring(Program.pure(null))),
        ATTEMPT(p -> p.attempt().flatMap(tried -> tried.fold(Program::fail, Program::pure)));

        final Function<Program<Integer>, Program<Integer>> wrap;

        Layer(Function<Program<Integer>, Program<Integer>> wrap) {
            this.wrap = wrap;
        }
    }

    private final Runner runner = Runner.of(action -> null);

    @Property(tries = 15)
    void left_nested_chains_of_any_depth_run(
            @ForAll("depths") int depth, @ForAll @Size(min = 1, max = 4) List<Layer> layers) {
        Program<Integer> program = Program.pure(0);
        for (int i = 0; i < depth; i++) {
            program = layers.get(i % layers.size()).wrap.apply(program.flatMap(x -> Program.pure(x + 1)));
        }

        assertThat(runner.run(program)).isEqualTo(depth);
    }

    @Property(tries = 15)
    void right_nested_chains_of_any_depth_run(
            @ForAll("depths") int depth, @ForAll @Size(min = 1, max = 4) List<Layer> layers) {
        assertThat(runner.run(rightNested(0, depth, layers))).isEqualTo(depth);
    }

    /** Each level's continuation builds the rest, wrapped in a layer: the frames pile up on the heap, not the stack. */
    private static Program<Integer> rightNested(int level, int depth, List<Layer> layers) {
        return Program.pure(level).flatMap(n -> n == depth
                ? Program.pure(n)
                : layers.get(n % layers.size()).wrap.apply(rightNested(n + 1, depth, layers)));
    }

    @Property(tries = 10)
    void deep_failures_unwind_through_every_layer(
            @ForAll("depths") int depth, @ForAll @Size(min = 1, max = 4) List<Layer> layers) {
        Program<Integer> program = Program.fail(new IllegalStateException("deep"));
        for (int i = 0; i < depth; i++) {
            Layer layer = layers.get(i % layers.size());
            program = (layer == Layer.RECOVER ? Layer.MAP : layer).wrap.apply(program);
        }

        assertThat(runner.attempt(program).getCause()).isInstanceOf(IllegalStateException.class).hasMessage("deep");
    }

    /** Depths spread evenly up to 100,000 (jqwik's default leans towards small numbers). */
    @Provide
    Arbitrary<Integer> depths() {
        return Arbitraries.integers().between(1, 100_000).withDistribution(RandomDistribution.uniform());
    }
}
