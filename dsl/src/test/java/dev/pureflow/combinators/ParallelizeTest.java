package dev.pureflow.combinators;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import io.vavr.collection.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** {@link Combinators#parallelize}: declares how many branches of a parallel block may run at once. */
class ParallelizeTest {

    private final Executor base = Executor.of(Task.class, task -> ((Task.Work) task).name());

    @Test
    void parallelize_declares_the_given_parallelism() {
        assertThat(base.parallelism()).isEqualTo(1);
        assertThat(base.with(parallelize(1)).parallelism()).isEqualTo(1);
        assertThat(base.with(parallelize(7)).parallelism()).isEqualTo(7);
    }

    @Test
    void the_outermost_parallelize_wins() {
        assertThat(base.with(parallelize(2)).with(parallelize(5)).parallelism()).isEqualTo(5);
    }

    @Test
    void parallelize_below_one_is_rejected_naming_the_value() {
        assertThatThrownBy(() -> parallelize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxConcurrency must be at least 1, was 0");
        assertThatThrownBy(() -> parallelize(-3)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-3");
    }

    @Test
    void parallelize_passes_actions_through_unchanged() throws Exception {
        assertThat(base.with(parallelize(3)).execute(new Task.Work("w"))).isEqualTo("w");
    }

    @Test
    void parallelized_branches_really_run_at_once() {
        CountDownLatch allThree = new CountDownLatch(3);
        Executor rendezvous = Executor.of(Task.class, task -> {
            allThree.countDown();
            if (!allThree.await(10, TimeUnit.SECONDS)) {
                throw new TimeoutException("the branches did not run at once");
            }
            return ((Task.Work) task).name();
        });

        List<String> names = Runner.of(rendezvous.with(parallelize(3)))
                .run(Program.parallel(List.of("a", "b", "c").map(name -> Program.perform(new Task.Work(name)))));

        assertThat(names).containsExactly("a", "b", "c");
    }

    @Test
    void its_description_shows_the_parallelism() {
        assertThat(base.with(parallelize(4)).toString()).endsWith(".with(parallelize(4))");
    }
}
