package dev.pureflow.interpreters.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableRunnerTest {

    sealed interface Ops<R> extends Action<R> {}

    record Add(int step, int amount) implements Ops<Integer> {}

    record Fragile(int step) implements Ops<String> {}

    /** Not journalable: a lambda is no data. */
    record Opaque(Runnable what) implements Ops<String> {}

    record Params(int steps, int factor) {}

    static final DurableFlow<Params, Integer> SUM = DurableFlow.of("sum", Params.class, params ->
            Program.traverse(IntStream.range(0, params.steps()).boxed().toList(),
                            i -> Program.perform(new Add(i, i * params.factor())))
                    .map(values -> values.sum().intValue()));

    /**
     * The world of these tests: counts executions per step, records idempotency keys, and can take
     * a snapshot of a run's journal while a step is in flight: what a {@code kill -9} at that moment
     * leaves on disk.
     */
    static final class World {
        final Map<Integer, AtomicInteger> executions = new ConcurrentHashMap<>();
        final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();
        volatile int crashAt = -1;
        volatile Path journal;
        volatile Path crashCopy;

        Executor executor() {
            return Executor.of(Ops.class, action -> switch (action) {
                case Add add -> {
                    executions.computeIfAbsent(add.step(), step -> new AtomicInteger()).incrementAndGet();
                    IdempotencyKey.current().forEach(idempotencyKeys::add);
                    if (add.step() == crashAt) {
                        crash();
                    }
                    yield add.amount();
                }
                case Fragile fragile -> throw new IOException("disk full at " + fragile.step());
                case Opaque opaque -> "never";
            });
        }

        private void crash() {
            try {
                Files.createDirectories(crashCopy.getParent());
                Files.copy(journal, crashCopy, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int total() {
            return executions.values().stream().mapToInt(AtomicInteger::get).sum();
        }
    }

    private static DurableRunner runner(Path directory, World world, DurableFlow<?, ?>... flows) {
        DurableRunner.Builder builder = DurableRunner.builder(directory, world.executor());
        for (DurableFlow<?, ?> flow : flows) {
            builder.register(flow);
        }
        return builder.build();
    }

    private static int expectedSum(Params params) {
        return IntStream.range(0, params.steps()).map(i -> i * params.factor()).sum();
    }

    @Property(tries = 15)
    void a_run_resumed_after_a_crash_at_any_step_replays_the_journaled_steps_and_runs_each_other_step_once(
            @ForAll @IntRange(min = 0, max = 19) int crashAt) throws IOException {
        Path root = Files.createTempDirectory("durable");
        Params params = new Params(20, 3);
        World first = new World();
        first.crashAt = crashAt;
        first.journal = root.resolve("live/run-1.journal");
        first.crashCopy = root.resolve("crashed/run-1.journal");
        assertThat(runner(root.resolve("live"), first, SUM).start("run-1", SUM, params).await()).isEqualTo(expectedSum(params));

        World second = new World();
        DurableRunner restarted = runner(root.resolve("crashed"), second, SUM);
        assertThat(restarted.unfinished()).containsExactly("run-1");
        Map<String, RunHandle<Object>> resumed = restarted.resumeUnfinished();

        assertThat(resumed.get("run-1").await()).isEqualTo(expectedSum(params));
        // steps journaled before the crash ran once, in the first process only; the one in flight ran again
        for (int step = 0; step < params.steps(); step++) {
            int before = first.executions.get(step) == null || step > crashAt ? 0 : 1;
            int after = second.executions.containsKey(step) ? second.executions.get(step).get() : 0;
            assertThat(before + after).as("step %d", step).isEqualTo(step == crashAt ? 2 : 1);
        }
        assertThat(restarted.unfinished()).isEmpty();
        assertThat(restarted.runs()).singleElement().satisfies(run -> {
            assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
            assertThat(run.steps()).isEqualTo(params.steps());
        });
        deleteTree(root);
    }

    static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    static final DurableFlow<Params, Integer> BRACKETED = DurableFlow.of("bracketed", Params.class, params ->
            Program.bracket(Program.perform(new Add(0, 1)), acquired -> Program.perform(new Add(1, 2)),
                            released -> Program.perform(new Add(2, 3)))
                    .flatMap(used -> Program.perform(new Add(3, 4)).map(last -> used + last)));

    static final DurableFlow<Params, Integer> DIRECT = DurableFlow.of("direct", Params.class, params -> Program.direct(flow -> {
        int sum = 0;
        for (int i = 0; i < params.steps(); i++) {
            sum += flow.perform(new Add(i, i * params.factor()));
        }
        return sum;
    }));

    /** Runs {@code flow} crashing at step {@code crashAt}, resumes the copy, and returns the steps the resume carried out. */
    private static java.util.Set<Integer> crashAndResume(Path root, DurableFlow<Params, Integer> flow, Params params, int crashAt,
            int expected) {
        World first = new World();
        first.crashAt = crashAt;
        first.journal = root.resolve("live/r.journal");
        first.crashCopy = root.resolve("crashed/r.journal");
        assertThat(runner(root.resolve("live"), first, flow).start("r", flow, params).await()).isEqualTo(expected);
        World second = new World();
        assertThat(runner(root.resolve("crashed"), second, flow).resume("r").await()).isEqualTo(expected);
        return second.executions.keySet();
    }

    @Test
    void a_finalizer_journaled_as_finished_is_not_run_again_on_resume(@TempDir Path root) {
        assertThat(crashAndResume(root, BRACKETED, new Params(0, 0), 3, 2 + 4)).containsExactly(3);
    }

    @Test
    void a_finalizer_in_flight_at_the_crash_runs_again_on_resume(@TempDir Path root) {
        assertThat(crashAndResume(root, BRACKETED, new Params(0, 0), 2, 2 + 4)).containsExactlyInAnyOrder(2, 3);
    }

    @Test
    void a_direct_style_body_runs_again_getting_the_journaled_answers_and_carries_out_the_rest(@TempDir Path root) {
        assertThat(crashAndResume(root, DIRECT, new Params(6, 5), 3, 5 * (0 + 1 + 2 + 3 + 4 + 5))).containsExactlyInAnyOrder(3, 4, 5);
    }

    @Test
    void the_idempotency_key_is_the_run_id_and_step_key_and_is_the_same_when_the_in_flight_step_runs_again(@TempDir Path root) {
        World first = new World();
        first.crashAt = 2;
        first.journal = root.resolve("live/deploy-7.journal");
        first.crashCopy = root.resolve("crashed/deploy-7.journal");
        runner(root.resolve("live"), first, SUM).start("deploy-7", SUM, new Params(4, 1)).await();
        World second = new World();
        runner(root.resolve("crashed"), second, SUM).resume("deploy-7").await();

        assertThat(first.idempotencyKeys).containsExactly("deploy-7/main#0", "deploy-7/main#1", "deploy-7/main#2", "deploy-7/main#3");
        assertThat(second.idempotencyKeys).containsExactly("deploy-7/main#2", "deploy-7/main#3");
        assertThat(IdempotencyKey.current()).isEmpty();
    }

    @Test
    void a_changed_program_fails_the_resumed_run_naming_the_key_and_both_actions_and_leaves_it_unfinished(@TempDir Path root) {
        World first = new World();
        first.crashAt = 3;
        first.journal = root.resolve("live/run-1.journal");
        first.crashCopy = root.resolve("crashed/run-1.journal");
        runner(root.resolve("live"), first, SUM).start("run-1", SUM, new Params(5, 2)).await();
        DurableFlow<Params, Integer> changed = DurableFlow.of("sum", Params.class, params -> Program.perform(new Add(0, 0))
                .flatMap(zero -> Program.perform(new Add(1, 99))));
        World second = new World();
        DurableRunner restarted = runner(root.resolve("crashed"), second, changed);

        Throwable failure = catchThrowable(() -> restarted.resume("run-1").await());

        assertThat(failure).hasStackTraceContaining("diverged from its journal at step main#1")
                .hasStackTraceContaining("recorded: Add[step=1, amount=2]")
                .hasStackTraceContaining("actual:   Add[step=1, amount=99]");
        assertThat(second.total()).isZero();
        assertThat(restarted.unfinished()).containsExactly("run-1");
    }

    @Test
    void a_recorded_failure_replays_as_the_same_error_without_the_executor(@TempDir Path root) {
        DurableFlow<Params, String> recovering = DurableFlow.of("recovering", Params.class, params ->
                Program.perform(new Fragile(0)).recover(error -> "recovered from " + error.getCause().getMessage())
                        .flatMap(text -> Program.perform(new Add(1, 1)).map(one -> text)));
        World first = new World();
        first.crashAt = 1;
        first.journal = root.resolve("live/r.journal");
        first.crashCopy = root.resolve("crashed/r.journal");
        assertThat(runner(root.resolve("live"), first, recovering).start("r", recovering, new Params(0, 0)).await())
                .isEqualTo("recovered from disk full at 0");

        World second = new World();
        RunHandle<Object> resumed = runner(root.resolve("crashed"), second, recovering).resume("r");

        assertThat(resumed.await()).isEqualTo("recovered from disk full at 0");
        assertThat(second.executions.keySet()).containsExactly(1);
    }

    @Test
    void an_unknown_flow_or_unmappable_arguments_fail_at_start_and_journal_nothing(@TempDir Path root) {
        World world = new World();
        DurableRunner runner = runner(root, world, SUM);
        DurableFlow<Params, Integer> unregistered = DurableFlow.of("other", Params.class, params -> Program.pure(1));

        assertThatThrownBy(() -> runner.start("a", unregistered, new Params(1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other").hasMessageContaining("not registered");
        assertThatThrownBy(() -> runner.start("b", "nope", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no durable flow is registered as nope").hasMessageContaining("[sum]");
        assertThatThrownBy(() -> runner.start("c", "sum", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("steps", "many")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Params.class.getName());
        assertThat(runner.runs()).isEmpty();
        assertThat(world.total()).isZero();
    }

    @Test
    void an_action_that_cannot_be_journaled_fails_its_step_before_the_executor_runs(@TempDir Path root) {
        AtomicInteger calls = new AtomicInteger();
        DurableFlow<Params, String> opaque = DurableFlow.of("opaque", Params.class, params ->
                Program.perform(new Opaque(calls::incrementAndGet)));
        DurableRunner runner = runner(root, new World(), opaque);

        assertThatThrownBy(() -> runner.start("o", opaque, new Params(0, 0)).await())
                .hasStackTraceContaining(Opaque.class.getName());
        assertThat(calls).hasValue(0);
        assertThat(runner.steps("o")).isEmpty();
        assertThat(runner.runs()).singleElement().extracting(RunInfo::state).isEqualTo(RunState.FAILED);
    }

    @Test
    void runs_are_listed_with_their_state_and_steps_and_only_finished_ones_are_deleted_or_pruned(@TempDir Path root) {
        World world = new World();
        world.crashAt = 1;
        world.journal = root.resolve("live/unfinished.journal");
        world.crashCopy = root.resolve("crashed/unfinished.journal");
        runner(root.resolve("live"), world, SUM).start("unfinished", SUM, new Params(3, 1)).await();
        DurableRunner runner = runner(root.resolve("crashed"), new World(), SUM);
        runner.start("done-1", SUM, new Params(2, 1)).await();
        runner.start("done-2", SUM, new Params(3, 1)).await();

        assertThat(runner.runs()).extracting(RunInfo::runId, RunInfo::state, RunInfo::steps).containsExactly(
                org.assertj.core.groups.Tuple.tuple("unfinished", RunState.UNFINISHED, 1),
                org.assertj.core.groups.Tuple.tuple("done-1", RunState.SUCCEEDED, 2),
                org.assertj.core.groups.Tuple.tuple("done-2", RunState.SUCCEEDED, 3));
        assertThat(runner.steps("done-2")).extracting(JournalEntry.Performed::key).containsExactly("main#0", "main#1", "main#2");
        assertThatThrownBy(() -> runner.delete("unfinished")).isInstanceOf(IllegalStateException.class).hasMessageContaining("UNFINISHED");

        long sizeOfDone2 = runner.run("done-2").get().bytes();
        long sizeOfUnfinished = runner.run("unfinished").get().bytes();
        assertThat(runner.prune(Duration.ofDays(1), sizeOfDone2 + sizeOfUnfinished)).containsExactly("done-1");
        assertThat(runner.prune(Duration.ZERO.minusSeconds(1), Long.MAX_VALUE)).containsExactly("done-2");
        assertThat(runner.runs()).extracting(RunInfo::runId).containsExactly("unfinished");
    }
}
