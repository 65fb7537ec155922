package dev.pureflow;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Parallel blocks: parallel, zip, zipWith and parTraverse; how many branches run at once; failure of a branch. */
class ParallelTest {

    private final World world = new World();
    private final Runner sequential = Runner.of(world.executor());
    private final Runner parallel = Runner.of(world.executor().with(parallelize(4)));

    @Test
    void parallel_yields_values_in_input_order() {
        Program<List<Integer>> flow = Program.parallel(
                Program.perform(new Cmd.Get(3)), Program.perform(new Cmd.Get(1)), Program.perform(new Cmd.Get(2)));

        assertThat(sequential.run(flow)).containsExactly(3, 1, 2);
        assertThat(parallel.run(flow)).containsExactly(3, 1, 2);
    }

    @Test
    void parallel_of_an_iterable_yields_values_in_input_order() {
        Program<List<Integer>> flow = Program.parallel(List.range(0, 20).map(n -> Program.perform(new Cmd.Get(n))));

        assertThat(parallel.run(flow)).isEqualTo(List.range(0, 20));
    }

    @Test
    void parallel_of_nothing_yields_an_empty_list() {
        assertThat(sequential.run(Program.parallel(List.<Program<Integer>>empty()))).isEmpty();
        assertThat(parallel.run(Program.<Integer>parallel())).isEmpty();
    }

    @Test
    void zip_yields_both_values_as_a_pair() {
        Program<Tuple2<Integer, String>> flow = Program.zip(Program.perform(new Cmd.Get(1)), Program.perform(new Cmd.Echo("one")));

        assertThat(parallel.run(flow)).isEqualTo(Tuple.of(1, "one"));
        assertThat(sequential.run(flow)).isEqualTo(Tuple.of(1, "one"));
    }

    @Test
    void zipWith_combines_both_values() {
        Program<String> flow = Program.perform(new Cmd.Get(2)).zipWith(Program.perform(new Cmd.Echo("x")), (n, s) -> s.repeat(n));

        assertThat(parallel.run(flow)).isEqualTo("xx");
    }

    @Test
    void zip_fails_when_either_side_fails() {
        Program<Tuple2<Integer, Integer>> flow = Program.zip(Program.perform(new Cmd.Get(1)), Program.perform(new Cmd.Fails("right")));

        assertThatThrownBy(() -> parallel.run(flow)).isInstanceOf(ActionFailedException.class).hasRootCauseMessage("right");
        assertThatThrownBy(() -> sequential.run(flow)).isInstanceOf(ActionFailedException.class).hasRootCauseMessage("right");
    }

    @Test
    void parTraverse_runs_one_branch_per_item_and_yields_values_in_order() {
        Program<List<String>> flow = Program.parTraverse(java.util.List.of("a", "b", "c", "d"), s -> Program.perform(new Cmd.Echo(s.toUpperCase())));

        assertThat(parallel.run(flow)).containsExactly("A", "B", "C", "D");
        assertThat(world.performed).hasSize(4);
    }

    @Test
    void parTraverse_applies_the_function_when_the_run_reaches_it() {
        AtomicInteger applied = new AtomicInteger();
        Program<List<Integer>> flow = Program.parTraverse(List.of(1, 2), n -> {
            applied.incrementAndGet();
            return Program.pure(n);
        });
        assertThat(applied).hasValue(0);

        parallel.run(flow);

        assertThat(applied).hasValue(2);
    }

    @Test
    void without_parallelize_branches_run_one_after_another_on_the_run_thread() {
        Program<List<Integer>> flow = Program.parallel(List.range(0, 6).map(n -> Program.perform(new Cmd.Get(n))));

        assertThat(sequential.run(flow)).isEqualTo(List.range(0, 6));
        assertThat(world.maxInFlight).hasValue(1);
        assertThat(world.threads).hasSize(6).containsOnly(world.threads.get(0));
        assertThat(world.performed).isEqualTo(List.range(0, 6).map(Cmd.Get::new).toJavaList());
    }

    @Test
    void with_parallelize_n_exactly_n_branches_run_at_once() throws Exception {
        int n = 3;
        CyclicBarrier allOfARound = new CyclicBarrier(n);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        Executor meetingPoint = Executor.of(Cmd.class, cmd -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                // only returns once n branches are in flight together: fails if fewer run at once
                allOfARound.await(World.PATIENCE_SECONDS, TimeUnit.SECONDS);
                return ((Cmd.Get) cmd).n();
            } finally {
                inFlight.decrementAndGet();
            }
        });
        Program<List<Integer>> flow = Program.parallel(List.range(0, 3 * n).map(i -> Program.perform(new Cmd.Get(i))));

        List<Integer> values = Runner.of(meetingPoint.with(parallelize(n))).run(flow);

        assertThat(values).isEqualTo(List.range(0, 3 * n));
        assertThat(maxInFlight).as("never more than n at once").hasValue(n);
    }

    @Test
    void a_block_with_fewer_branches_than_the_parallelism_runs_them_all_at_once() throws Exception {
        CountDownLatch allStarted = new CountDownLatch(2);
        Executor rendezvous = Executor.of(Cmd.class, cmd -> {
            allStarted.countDown();
            if (!allStarted.await(World.PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                throw new TimeoutException("the other branch never started");
            }
            return ((Cmd.Echo) cmd).text();
        });

        List<String> values = Runner.of(rendezvous.with(parallelize(8)))
                .run(Program.parallel(Program.perform(new Cmd.Echo("x")), Program.perform(new Cmd.Echo("y"))));

        assertThat(values).containsExactly("x", "y");
    }

    @Test
    void a_failing_branch_cancels_its_blocked_siblings_and_fails_the_block() throws Exception {
        CountDownLatch siblingsBlocked = new CountDownLatch(1);
        Program<List<String>> flow = Program.parallel(
                Program.perform(new Cmd.Block("a")),
                Program.perform(new Cmd.Block("b")),
                Program.defer(() -> {
                    awaitBlocked(2);
                    siblingsBlocked.countDown();
                    return Program.perform(new Cmd.Fails("c failed")).map(String::valueOf);
                }));

        assertThatThrownBy(() -> Runner.of(world.executor().with(parallelize(3))).run(flow))
                .isInstanceOf(ActionFailedException.class)
                .hasRootCauseMessage("c failed")
                .satisfies(error -> assertThat(((ActionFailedException) error).branch()).isEqualTo("main/0/2"));
        assertThat(siblingsBlocked.getCount()).isZero();
        assertThat(world.interrupted).as("both blocked siblings were interrupted").hasValue(2);
    }

    @Test
    void a_failing_branch_stops_branches_that_have_not_started_yet() {
        Program<List<Integer>> flow = Program.parallel(List.of(
                Program.perform(new Cmd.Fails("first")),
                Program.perform(new Cmd.Get(1)),
                Program.perform(new Cmd.Get(2)),
                Program.perform(new Cmd.Get(3))));

        assertThatThrownBy(() -> sequential.run(flow)).hasRootCauseMessage("first");
        assertThat(world.performed).containsExactly(new Cmd.Fails("first"));
    }

    @Test
    void the_flow_can_recover_from_a_failed_parallel_block() throws Exception {
        Program<List<String>> flow = Program.parallel(
                        Program.perform(new Cmd.Block("a")),
                        Program.defer(() -> {
                            awaitBlocked(1);
                            return Program.perform(new Cmd.Fails("b failed")).map(String::valueOf);
                        }))
                .recover(error -> List.of("fallback"));

        List<String> values = Runner.of(world.executor().with(parallelize(2))).run(flow);

        assertThat(values).containsExactly("fallback");
        assertThat(world.interrupted).hasValue(1);
    }

    @Test
    void finalizers_of_cancelled_sibling_branches_run_before_the_block_fails() throws Exception {
        Program<List<String>> flow = Program.parallel(
                Program.perform(new Cmd.Block("a")).ensuring(Program.perform(new Cmd.Note("release a"))),
                Program.defer(() -> {
                    awaitBlocked(1);
                    return Program.perform(new Cmd.Fails("b failed")).map(String::valueOf);
                }));

        assertThat(Runner.of(world.executor().with(parallelize(2))).attempt(flow).isFailure()).isTrue();
        assertThat(world.performed).contains(new Cmd.Note("release a"));
    }

    @Test
    void nested_parallel_blocks_yield_nested_values_in_order() {
        Program<List<List<Integer>>> flow = Program.parallel(
                Program.parallel(Program.perform(new Cmd.Get(1)), Program.perform(new Cmd.Get(2))),
                Program.parallel(Program.perform(new Cmd.Get(3)), Program.perform(new Cmd.Get(4))));

        assertThat(parallel.run(flow)).containsExactly(List.of(1, 2), List.of(3, 4));
    }

    private void awaitBlocked(int count) {
        try {
            world.awaitBlocked(count);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

}
