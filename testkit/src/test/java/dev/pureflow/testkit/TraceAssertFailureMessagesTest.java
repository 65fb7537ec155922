package dev.pureflow.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Program;
import dev.pureflow.interpreters.fake.FakeExecutor;
import dev.pureflow.testkit.Ops.Build;
import dev.pureflow.testkit.Ops.Deploy;
import dev.pureflow.testkit.Ops.RunTests;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What each failed {@link TraceAssert} says, and what it lets pass (issue 15: the TraceAssert survivors). */
class TraceAssertFailureMessagesTest {

    private final Trace trace = TraceAssertTest.pipelineTrace(2);

    @Test
    void never_names_the_first_step_that_performed_the_action() {
        assertThatThrownBy(() -> TraceAssert.assertThat(trace).never(new Deploy("api")))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected the run never to perform\n  Deploy[service=api]\nbut step #4 did; the trace:\n");
    }

    @Test
    void took_names_the_expected_and_the_actual_duration() {
        assertThatThrownBy(() -> TraceAssert.assertThat(trace).took(new Deploy("api"), Duration.ofMillis(250)))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected\n  Deploy[service=api]\nto take " + Durations.human(Duration.ofMillis(250))
                        + " but it took " + Durations.human(Duration.ofMillis(100)) + "; the trace:\n");
    }

    @Test
    void spans_names_the_expected_and_the_actual_span() {
        assertThatThrownBy(() -> TraceAssert.assertThat(trace).spans(Duration.ofSeconds(1)))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected the run to span " + Durations.human(Duration.ofSeconds(1)) + " but it spans "
                        + Durations.human(Duration.ofMillis(400)) + "; the trace:\n");
    }

    @Test
    void in_order_passes_for_a_prefix_of_the_run_followed_by_more_steps() {
        TraceAssert.assertThat(trace).performedInOrder(new Build("api")).performedInOrder(new Build("web"), new Deploy("api"))
                .spans(Duration.ofMillis(400)).performed(new Build("web"));
    }

    @Test
    void in_order_names_the_start_when_the_first_action_never_came() {
        assertThatThrownBy(() -> TraceAssert.assertThat(trace).performedInOrder(new Deploy("web")))
                .hasMessageContaining("but Deploy[service=web] was not performed after the start; the trace:");
    }

    @Test
    void never_after_failed_ignores_steps_before_the_failure_and_the_failed_step_itself_and_chains() {
        Program<io.vavr.control.Try<Boolean>> careful = Program.perform(new Deploy("api"))
                .andThen(Program.perform(new RunTests("api")).attempt());
        var run = FaultRun.of(careful, FaultPlan.NONE.fail(RunTests.class, 1, IOException.class),
                (clock, faults) -> FakeExecutor.builder().on(Ops.class, op -> op instanceof RunTests ? true : null).build().with(faults));

        TraceAssert.assertThat(run.trace())
                .neverAfterFailed(RunTests.class, Deploy.class)
                .neverAfterFailed(RunTests.class, RunTests.class)
                .performed(new Deploy("api"));
    }
}
