package dev.pureflow.frame;

import static dev.pureflow.combinators.Combinators.parallelize;
import static dev.pureflow.frame.Notebook.block;
import static dev.pureflow.frame.Notebook.say;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import dev.pureflow.Runner;
import io.vavr.control.Try;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A routine timeout cancels the routine's work; a routine that finishes in time is not affected. */
class RoutineTimeoutTest {

    private final Notebook notebook = new Notebook();
    private final Runner parallel = Runner.of(notebook.executor().with(parallelize(2)));

    @Test
    void an_unconsumed_routine_timeout_cancels_the_routines_work_and_fails_the_run() {
        LifecycleFrame<Void> frame = LifecycleFrame.<Void>builder(block("routine blocks"))
                .name("slow")
                .routineTimeout(Duration.ofMillis(100))
                .onClose(say("on_close"))
                .build();

        Try<FrameOutcome<Void>> tried = parallel.attempt(frame.program());

        assertThat(tried.getCause()).isInstanceOf(RoutineTimeoutException.class)
                .hasMessage("the routine of frame 'slow' did not finish within PT0.1S; its work was cancelled");
        assertThat(((RoutineTimeoutException) tried.getCause()).timeout()).isEqualTo(Duration.ofMillis(100));
        assertThat(notebook.interrupted).hasValue(1);
        assertThat(notebook.lines).containsExactly("routine blocks", "on_close");
    }

    @Test
    void a_routine_that_finishes_in_time_yields_its_value_and_its_timer_does_not_hold_the_frame() throws Exception {
        LifecycleFrame<String> frame = LifecycleFrame.<String>builder(say("routine").map(done -> "in time"))
                .routineTimeout(Duration.ofHours(1))
                .build();

        RunHandle<FrameOutcome<String>> run = parallel.start(frame.program());

        // a timer left running would hold the run for an hour: this wait is only a hang detector
        assertThat(run.await(Notebook.PATIENCE).routineValue()).contains("in time");
    }

    @Test
    void a_routine_error_inside_the_race_is_the_routines_own_error() {
        IllegalStateException own = new IllegalStateException("routine broke");
        LifecycleFrame<String> frame = LifecycleFrame.<String>builder(Program.fail(own))
                .routineTimeout(Duration.ofHours(1))
                .build();

        assertThat(parallel.attempt(frame.program()).getCause()).isSameAs(own);
    }

    @Test
    void a_routine_timeout_with_one_branch_at_a_time_fails_saying_what_is_missing() {
        LifecycleFrame<Void> frame = LifecycleFrame.<Void>builder(say("routine"))
                .routineTimeout(Duration.ofMillis(50))
                .build();

        Try<FrameOutcome<Void>> tried = Runner.of(notebook.executor()).attempt(frame.program());

        assertThat(tried.getCause()).isInstanceOf(RoutineTimeoutException.class)
                .hasMessageContaining("it never started").hasMessageContaining("parallelize(2)");
        assertThat(notebook.lines).isEmpty();
    }
}
