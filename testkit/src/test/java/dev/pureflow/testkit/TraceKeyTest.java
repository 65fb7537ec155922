package dev.pureflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Action;
import dev.pureflow.StepKey;
import dev.pureflow.testkit.Ops.Build;
import dev.pureflow.testkit.Ops.Cleanup;
import dev.pureflow.testkit.Ops.Deploy;
import dev.pureflow.testkit.Ops.RunTests;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A trace names each step by its {@link StepKey} ({@code main/0/1#0}), in {@link TracedStep} and
 * in its report, so a report read after a failure says which step of the flow each line is,
 * whatever the scheduling (the step number is an order of arrival).
 */
class TraceKeyTest {

    /** The pipeline of {@link TraceAssertTest#pipelineTrace}: two builds in a block, then tests, deploy and cleanup. */
    private static final Map<Action<?>, StepKey> PIPELINE_KEYS = Map.of(
            new Build("api"), StepKey.parse("main/0/0#0"),
            new Build("web"), StepKey.parse("main/0/1#0"),
            new RunTests("api"), StepKey.parse("main#1"),
            new Deploy("api"), StepKey.parse("main#2"),
            new Cleanup("api"), StepKey.parse("main#3"));

    private static Map<Action<?>, StepKey> keysByAction(Trace trace) {
        return trace.steps().stream().collect(Collectors.toMap(TracedStep::action, TracedStep::key));
    }

    @Test
    void each_traced_step_carries_the_key_of_the_step_the_runner_performed() {
        Trace trace = TraceAssertTest.pipelineTrace(2);

        assertThat(keysByAction(trace)).isEqualTo(PIPELINE_KEYS);
        assertThat(trace.stepsOf(new Build("web")).getFirst().branch()).isEqualTo("main/0/1");
    }

    @Test
    void the_report_shows_each_step_by_its_key_after_its_number() {
        Trace trace = TraceAssertTest.pipelineTrace(1);

        assertThat(trace.toString().lines()).containsExactly(
                "#1 main/0/0#0 +0s     Build[service=api] -> api.jar (100ms)",
                "#2 main/0/1#0 +100ms  Build[service=web] -> web.jar (100ms)",
                "#3 main#1     +200ms  RunTests[service=api] -> true (100ms)",
                "#4 main#2     +300ms  Deploy[service=api] -> null (100ms)",
                "#5 main#3     +400ms  Cleanup[service=api] -> null (100ms)");
    }

    @Test
    void a_failed_assertion_names_the_steps_of_the_trace_by_their_keys() {
        Trace trace = TraceAssertTest.pipelineTrace(2);

        assertThatThrownBy(() -> TraceAssert.assertThat(trace).never(Deploy.class))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("main#2")
                .hasMessageContaining("main/0/1#0");
    }

    /** Keys do not depend on parallelism, and every line of the report starts with its step's number and key. */
    @Property(tries = 12)
    void the_keys_of_a_trace_do_not_depend_on_parallelism(@ForAll @IntRange(min = 1, max = 4) int parallelism) {
        Trace trace = TraceAssertTest.pipelineTrace(parallelism);

        assertThat(keysByAction(trace)).isEqualTo(PIPELINE_KEYS);
        assertThat(trace.toString().lines()).zipSatisfy(trace.steps(),
                (line, step) -> assertThat(line).startsWith("#" + step.number() + " " + step.key() + " "));
    }
}
