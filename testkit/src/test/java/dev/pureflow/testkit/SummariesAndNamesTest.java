package dev.pureflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Action;
import dev.pureflow.Program;
import dev.pureflow.interpreters.fake.FakeExecutor;
import dev.pureflow.testkit.Ops.Deploy;
import dev.pureflow.testkit.Ops.RunTests;
import io.vavr.control.Try;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * How fault runs and model checks describe an outcome, the family a diagram groups an action under,
 * and how durations read (issue 15: the summary, family and duration survivors).
 */
class SummariesAndNamesTest {

    private static FaultRun<Void> failingRun() {
        Program<Void> flow = Program.perform(new RunTests("api")).andThen(Program.perform(new Deploy("api")));
        return FaultRun.of(flow, FaultPlan.NONE.fail(RunTests.class, 1, IOException.class),
                (clock, faults) -> FakeExecutor.builder().on(Ops.class, op -> op instanceof RunTests ? true : null).build().with(faults));
    }

    private static final String SUMMARY = "under fault plan: fail RunTests#1 with IOException\n"
            + "faults that fired: fail RunTests#1 with IOException\n"
            + "the flow failed with IOException: injected fault: fail RunTests#1 with IOException after 0s";

    @Test
    void a_report_names_the_plan_the_fired_faults_the_root_cause_without_its_wrappers_and_the_trace() {
        FaultRun<Void> run = failingRun();

        assertThat(run.plan()).isEqualTo(FaultPlan.NONE.fail(RunTests.class, 1, IOException.class));
        assertThat(run.fired()).isEqualTo(run.plan().faults());
        assertThat(run.elapsed()).isEqualTo(Duration.ZERO);
        assertThat(run.report()).isEqualTo(SUMMARY + "\ntrace:\n" + run.trace().toString().indent(2));
    }

    @Test
    void a_failed_check_puts_the_report_then_the_property_message_on_its_own_line() {
        FaultRun<Void> run = failingRun();

        assertThatThrownBy(() -> run.check(r -> {
            throw new AssertionError("custom");
        })).isInstanceOf(AssertionError.class).hasMessage(run.report() + "custom").hasCauseInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> run.check(r -> TraceAssert.assertThat(r.trace()).performed(new Deploy("api"))))
                .hasMessageStartingWith(SUMMARY + "\nexpected the run to perform\n  Deploy[service=api]\n");
    }

    @Test
    void a_passing_check_returns_the_run_for_more_checks() {
        FaultRun<Void> run = failingRun();
        assertThat(run.check(r -> {}).check(r -> assertThat(r.outcome().isFailure()).isTrue())).isSameAs(run);
    }

    @Test
    void a_run_reads_as_its_plan_and_outcome() {
        FaultRun<Void> run = failingRun();
        assertThat(run).hasToString("FaultRun[fail RunTests#1 with IOException -> " + run.outcome() + "]");
        FaultRun<Void> quiet = FaultRun.of(Program.perform(new Deploy("api")), FaultPlan.NONE,
                (clock, faults) -> FakeExecutor.builder().on(Ops.class, op -> null).build().with(faults));
        assertThat(quiet.report()).startsWith("under fault plan: " + FaultPlan.NONE + "\nfaults that fired: none\nthe flow succeeded with null after 0s");
    }

    @Test
    void a_model_check_summary_names_the_root_cause_by_its_full_class_name() {
        assertThat(ModelCheck.summary(failingRun().outcome()))
                .isEqualTo("failed with java.io.IOException: injected fault: fail RunTests#1 with IOException");
        assertThat(ModelCheck.summary(Try.success(3))).isEqualTo("yielded 3");
    }

    @Test
    void an_error_that_is_not_a_wrapper_is_named_itself_not_its_cause() {
        Program<String> flow = Program.perform(new Ops.Fetch("k"));
        FaultRun<String> run = FaultRun.of(flow, FaultPlan.NONE, (clock, faults) -> dev.pureflow.Executor.of(Ops.Fetch.class, fetch -> {
            throw new IOException("outer", new IllegalStateException("inner"));
        }).with(faults));

        assertThat(run.report()).contains("the flow failed with IOException: outer after 0s\n");
        assertThat(ModelCheck.summary(Try.failure(new IOException("outer", new IllegalStateException("inner")))))
                .isEqualTo("failed with java.io.IOException: outer");
    }

    @Test
    void a_diagram_shows_an_answer_of_exactly_sixty_characters_whole_and_cuts_a_longer_one() {
        String sixty = "x".repeat(60);
        Trace trace = TraceAssertTest.pipelineTrace(2);
        FaultRun<String> exact = FaultRun.of(Program.perform(new Ops.Fetch("k")), FaultPlan.NONE,
                (clock, faults) -> dev.pureflow.Executor.of(Ops.Fetch.class, fetch -> sixty).with(faults));
        FaultRun<String> longer = FaultRun.of(Program.perform(new Ops.Fetch("k")), FaultPlan.NONE,
                (clock, faults) -> dev.pureflow.Executor.of(Ops.Fetch.class, fetch -> sixty + "y").with(faults));

        assertThat(exact.trace().toMermaid()).contains(sixty + " (").doesNotContain("...");
        assertThat(longer.trace().toMermaid()).contains("x".repeat(57) + "...").doesNotContain(sixty);
        assertThat(trace.toMermaid()).startsWith("sequenceDiagram\n");
    }

    sealed interface Shape permits Circle {}

    /** Implements a sealed interface that is not an action, and Action itself (which is not sealed). */
    record Circle() implements Shape, Action<Void> {}

    @Test
    void an_action_belongs_to_its_sealed_action_interface_else_its_enclosing_class_else_itself() {
        assertThat(MermaidSequence.family(Ops.Build.class)).isEqualTo("Ops");
        assertThat(MermaidSequence.family(Circle.class)).isEqualTo("SummariesAndNamesTest");
        assertThat(MermaidSequence.family(LoneAction.class)).isEqualTo("LoneAction");
    }

    @Test
    void durations_read_in_units_largest_first_and_negative_ones_with_a_minus() {
        assertThat(Durations.human(Duration.ofMillis(-1500))).isEqualTo("-1s500ms");
        assertThat(Durations.human(Duration.ofHours(1).plusMinutes(2).plusNanos(7))).isEqualTo("1h2m7ns");
        assertThat(Durations.human(Duration.ZERO)).isEqualTo("0s");
    }
}

/** A top-level action: its own family. */
record LoneAction() implements Action<Void> {}
