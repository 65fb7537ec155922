package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.control.Option;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** {@link Step#runAs}: another interpreter makes a step current around its executor's call, as the runner does. */
class StepRunAsTest {

    private static Step step(int ordinal, int attempt) {
        return new Step(ordinal + 1, new StepKey("main", ordinal), new Cmd.Get(ordinal), Instant.EPOCH, attempt);
    }

    @Test
    void body_sees_the_step_and_nothing_is_current_after_it() throws Exception {
        Step step = step(3, 2);

        Option<Step> seen = Step.runAs(step, Step::current);

        assertThat(seen).contains(step);
        assertThat(seen.get().attempt()).isEqualTo(2);
        assertThat(Step.current()).isEmpty();
    }

    @Test
    void nested_call_puts_back_the_outer_step_even_when_the_body_throws() throws Exception {
        Step outer = step(0, 1);
        Step inner = step(1, 1);
        List<Option<Step>> seen = new ArrayList<>();

        Step.runAs(outer, () -> {
            assertThatThrownBy(() -> Step.runAs(inner, () -> {
                seen.add(Step.current());
                throw new java.io.IOException("inner failed");
            })).isInstanceOf(java.io.IOException.class).hasMessage("inner failed");
            seen.add(Step.current());
            return null;
        });

        assertThat(seen).containsExactly(Option.some(inner), Option.some(outer));
        assertThat(Step.current()).isEmpty();
    }

    @Test
    void thread_the_body_starts_sees_the_step_as_with_the_runner() throws Exception {
        Step step = step(5, 1);
        AtomicReference<Option<Step>> seenThere = new AtomicReference<>();

        Step.runAs(step, () -> {
            Thread thread = Thread.ofVirtual().start(() -> seenThere.set(Step.current()));
            thread.join();
            return null;
        });

        assertThat(seenThere.get()).contains(step);
    }

    @Test
    void step_set_by_runAs_belongs_to_no_run_so_the_runner_answers_no_built_in_action_there() {
        assertThatThrownBy(() -> Step.runAs(step(0, 1), () -> BuiltIn.runnerAnswers().execute(new BuiltIn.Now())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only on a thread carrying out a step of an in-process run");
    }

    @Test
    void step_runAs_rejects_nulls_and_steps_count_attempts_from_one() {
        assertThatThrownBy(() -> Step.runAs(null, () -> 1)).isInstanceOf(NullPointerException.class).hasMessage("step");
        assertThatThrownBy(() -> Step.runAs(step(0, 1), null)).isInstanceOf(NullPointerException.class).hasMessage("body");
        assertThatThrownBy(() -> step(0, 0)).isInstanceOf(IllegalArgumentException.class).hasMessage("a step's attempt counts from 1, was 0");
        assertThat(new Step(1, new StepKey("main", 0), new Cmd.Get(1), Instant.EPOCH).attempt()).isEqualTo(1);
    }

    @Test
    void runner_step_is_a_first_attempt() {
        AtomicReference<Option<Step>> seen = new AtomicReference<>();
        Runner.of(action -> {
            seen.set(Step.current());
            return 1;
        }).run(Program.perform(new Cmd.Get(1)));

        assertThat(seen.get().get().attempt()).isEqualTo(1);
    }

    @Property(tries = 50)
    void nested_calls_see_the_innermost_step_and_unwind_in_order(@ForAll @IntRange(min = 1, max = 8) int depth) throws Exception {
        List<Long> seenOnTheWayOut = new ArrayList<>();

        nest(0, depth, seenOnTheWayOut);

        List<Long> expected = new ArrayList<>();
        for (int level = depth - 1; level >= 0; level--) {
            expected.add((long) level + 1);
        }
        assertThat(seenOnTheWayOut).isEqualTo(expected);
        assertThat(Step.current()).isEmpty();
    }

    private static void nest(int level, int depth, List<Long> seenOnTheWayOut) throws Exception {
        if (level == depth) {
            return;
        }
        Callable<Void> inner = () -> {
            nest(level + 1, depth, seenOnTheWayOut);
            seenOnTheWayOut.add(Step.current().get().number());
            return null;
        };
        Step.runAs(step(level, 1), inner);
    }
}
