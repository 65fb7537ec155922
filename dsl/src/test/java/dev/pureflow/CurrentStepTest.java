package dev.pureflow;

import static dev.pureflow.combinators.Combinators.parallelize;
import static dev.pureflow.combinators.Combinators.timeout;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@link Step#current()}: the step whose action the calling thread carries out, set by the runner
 * around the executor's call; and the listener told on that same thread, right around the call.
 */
class CurrentStepTest {

    private final World world = new World();
    private final Map<Action<?>, Option<Step>> seenByExecutor = new ConcurrentHashMap<>();
    /** The world's executor, noting what {@link Step#current()} says while it carries each action out. */
    private final Executor noting = action -> {
        seenByExecutor.put(action, Step.current());
        return world.executor().execute(action);
    };

    @Test
    void the_executor_sees_the_step_it_carries_out_without_a_listener() {
        Runner.of(noting).run(Program.perform(new Cmd.Get(1)).andThen(Program.perform(new Cmd.Echo("two"))));

        Step second = seenByExecutor.get(new Cmd.Echo("two")).get();
        assertThat(second.key()).isEqualTo(new StepKey("main", 1));
        assertThat(second.number()).isEqualTo(2);
        assertThat(second.action()).isEqualTo(new Cmd.Echo("two"));
        assertThat(second.branch()).isEqualTo("main");
    }

    @Test
    void with_a_listener_the_executor_sees_the_very_step_the_listener_is_told_about() {
        java.util.List<Step> told = new CopyOnWriteArrayList<>();
        Runner.of(noting).with(options -> options.listener(StepListener.onStarted(told::add))).run(Program.perform(new Cmd.Get(1)));

        assertThat(seenByExecutor.get(new Cmd.Get(1)).get()).isSameAs(told.getFirst());
    }

    @Test
    void there_is_no_current_step_between_steps_in_a_body_in_a_thunk_or_outside_any_run() {
        java.util.List<Option<Step>> outsideSteps = new CopyOnWriteArrayList<>();
        Program<Integer> flow = Program.direct(flow1 -> {
            outsideSteps.add(Step.current());
            int one = flow1.perform(new Cmd.Get(1));
            outsideSteps.add(Step.current());
            return one;
        }).flatMap(one -> Program.defer(() -> {
            outsideSteps.add(Step.current());
            return Program.pure(one);
        }));

        assertThat(Runner.of(noting).run(flow)).isEqualTo(1);

        assertThat(outsideSteps).hasSize(3).containsOnly(Option.none());
        assertThat(seenByExecutor.get(new Cmd.Get(1))).isNotEmpty();
        assertThat(Step.current()).isEmpty();
    }

    @Test
    void each_branch_of_a_concurrent_block_sees_its_own_step() {
        Program<List<Integer>> flow = Program.parallel(List.range(0, 8).map(i -> Program.perform(new Cmd.Get(i))));

        Runner.of(noting.with(parallelize(8))).run(flow);

        for (int i = 0; i < 8; i++) {
            assertThat(seenByExecutor.get(new Cmd.Get(i)).get().key()).isEqualTo(new StepKey("main/0/" + i, 0));
        }
    }

    @Test
    void a_thread_the_timeout_combinator_starts_for_the_action_sees_the_step_too() {
        java.util.List<Thread> threads = new CopyOnWriteArrayList<>();
        Executor recordingThread = action -> {
            threads.add(Thread.currentThread());
            return noting.execute(action);
        };
        java.util.List<Thread> runThreads = new CopyOnWriteArrayList<>();
        Runner runner = Runner.of(recordingThread.with(timeout(Duration.ofMinutes(1))))
                .with(options -> options.listener(StepListener.onStarted(step -> runThreads.add(Thread.currentThread()))));

        runner.run(Program.perform(new Cmd.Get(0)).andThen(Program.perform(new Cmd.Get(5))));

        assertThat(threads.get(1)).as("the action ran on the combinator's own thread").isNotSameAs(runThreads.get(1));
        assertThat(seenByExecutor.get(new Cmd.Get(5)).get().key()).isEqualTo(new StepKey("main", 1));
    }

    /** What one listener call or executor call saw: the call, its thread and the current step. */
    private record Seen(String call, Thread thread, Option<Step> current) {}

    @Test
    void the_listener_is_told_on_the_thread_that_calls_the_executor_right_around_the_call() {
        java.util.List<Seen> calls = new CopyOnWriteArrayList<>();
        StepListener listener = new StepListener() {
            @Override
            public void started(Step step) {
                calls.add(new Seen("started " + step.key(), Thread.currentThread(), Step.current()));
            }

            @Override
            public void finished(Step step, Try<Object> outcome, Duration duration) {
                calls.add(new Seen("finished " + step.key(), Thread.currentThread(), Step.current()));
            }
        };
        Executor executor = action -> {
            Step step = Step.current().get();
            calls.add(new Seen("execute " + step.key(), Thread.currentThread(), Option.some(step)));
            return world.executor().execute(action);
        };
        Program<List<Integer>> flow = Program.parallel(Program.perform(new Cmd.Get(0)), Program.perform(new Cmd.Get(1)));

        Runner.of(executor.with(parallelize(2))).with(options -> options.listener(listener)).run(flow);

        for (String key : java.util.List.of("main/0/0#0", "main/0/1#0")) {
            java.util.List<Seen> ofStep = calls.stream().filter(seen -> seen.call().endsWith(key)).toList();
            assertThat(ofStep).extracting(Seen::call).containsExactly("started " + key, "execute " + key, "finished " + key);
            assertThat(ofStep).extracting(Seen::thread).containsOnly(ofStep.getFirst().thread());
            assertThat(ofStep).extracting(seen -> seen.current().get().key().toString()).containsOnly(key);
        }
    }

    @Test
    void a_failing_step_still_clears_the_current_step() {
        java.util.List<Option<Step>> afterFailure = new CopyOnWriteArrayList<>();
        Program<Integer> flow = Program.perform(new Cmd.Fails("boom"))
                .recoverWith(failed -> Program.defer(() -> {
                    afterFailure.add(Step.current());
                    return Program.pure(0);
                }));

        assertThat(Runner.of(noting).run(flow)).isZero();
        assertThat(afterFailure).containsExactly(Option.none());
    }
}
