package dev.pureflow;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** A parallel block yields its values in input order, whatever order its branches finish in. */
class ParallelOrderProperties {

    /** The branch actions: finish after a while, or after other branches. */
    sealed interface Branch<R> extends Action<R> {
        /** Parks for {@code micros} microseconds, then answers {@code index}. */
        record Delayed(int index, int micros) implements Branch<Integer> {}

        /** Answers {@code index} once the branch {@code after} has finished (or at once if it is -1). */
        record Ordered(int index, int after) implements Branch<Integer> {}
    }

    @Property(tries = 50)
    void values_keep_input_order_under_random_latencies(
            @ForAll @Size(max = 12) java.util.List<@IntRange(max = 300) Integer> latenciesMicros,
            @ForAll @IntRange(min = 1, max = 6) int parallelism) {
        Executor executor = Executor.of(Branch.class, branch -> {
            Branch.Delayed delayed = (Branch.Delayed) branch;
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(delayed.micros()));
            return delayed.index();
        });
        List<Integer> latencies = List.ofAll(latenciesMicros);
        Program<List<Integer>> block = Program.parallel(
                latencies.zipWithIndex().map(pair -> Program.perform(new Branch.Delayed(pair._2, pair._1))));

        List<Integer> values = Runner.of(executor.with(parallelize(parallelism))).run(block);

        assertThat(values).isEqualTo(List.range(0, latencies.size()));
    }

    @Property(tries = 50)
    void values_keep_input_order_whatever_order_the_branches_finish_in(@ForAll("completionOrders") java.util.List<Integer> completionOrder) {
        int size = completionOrder.size();
        CountDownLatch[] finished = new CountDownLatch[size];
        for (int i = 0; i < size; i++) {
            finished[i] = new CountDownLatch(1);
        }
        java.util.List<Integer> finishOrder = new CopyOnWriteArrayList<>();
        Executor executor = Executor.of(Branch.class, branch -> {
            Branch.Ordered ordered = (Branch.Ordered) branch;
            if (ordered.after() >= 0 && !finished[ordered.after()].await(World.PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                throw new TimeoutException("branch " + ordered.after() + " never finished");
            }
            finishOrder.add(ordered.index());
            finished[ordered.index()].countDown();
            return ordered.index();
        });
        // branch completionOrder[k] waits for branch completionOrder[k - 1]: all must run at once
        int[] after = new int[size];
        for (int k = 0; k < size; k++) {
            after[completionOrder.get(k)] = k == 0 ? -1 : completionOrder.get(k - 1);
        }
        Program<List<Integer>> block = Program.parallel(List.range(0, size).map(i -> Program.perform(new Branch.Ordered(i, after[i]))));

        List<Integer> values = Runner.of(executor.with(parallelize(size))).run(block);

        assertThat(finishOrder).isEqualTo(completionOrder);
        assertThat(values).isEqualTo(List.range(0, size));
    }

    @Property(tries = 30)
    void parTraverse_keeps_item_order(@ForAll @Size(max = 10) java.util.List<@IntRange(max = 200) Integer> latenciesMicros) {
        Executor executor = Executor.of(Branch.class, branch -> {
            Branch.Delayed delayed = (Branch.Delayed) branch;
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(delayed.micros()));
            return delayed.index() * 2;
        });
        List<Integer> indices = List.range(0, latenciesMicros.size());

        List<Integer> values = Runner.of(executor.with(parallelize(4)))
                .run(Program.parTraverse(indices, i -> Program.perform(new Branch.Delayed(i, latenciesMicros.get(i)))));

        assertThat(values).isEqualTo(indices.map(i -> i * 2));
    }

    @Provide
    Arbitrary<java.util.List<Integer>> completionOrders() {
        return Arbitraries.integers().between(1, 8).flatMap(size -> Arbitraries.shuffle(List.range(0, size).toJavaList()));
    }
}
