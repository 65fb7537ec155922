package dev.pureflow.testkit;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.fake.FakeExecutor;
import dev.pureflow.interpreters.fake.VirtualClock;
import dev.pureflow.testkit.Ops.Build;
import dev.pureflow.testkit.Ops.Cleanup;
import dev.pureflow.testkit.Ops.Deploy;
import dev.pureflow.testkit.Ops.RunTests;
import java.io.IOException;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TraceAssertTest {

    /** Builds two services in parallel (100 ms each), tests one (100 ms), deploys it, cleans up. */
    static Trace pipelineTrace(int parallelism) {
        VirtualClock clock = VirtualClock.start();
        FakeExecutor fake = FakeExecutor.builder()
                .on(Build.class, build -> build.service() + ".jar")
                .on(RunTests.class, tests -> true)
                .on(Deploy.class, deploy -> null)
                .on(Cleanup.class, cleanup -> null)
                .latency(Duration.ofMillis(100), clock)
                .build();
        TraceRecorder recorder = Trace.recorder(clock);
        Program<Void> flow = Program.parallel(Program.perform(new Build("api")), Program.perform(new Build("web")))
                .andThen(Program.perform(new RunTests("api")))
                .andThen(Program.perform(new Deploy("api")))
                .ensuring(Program.perform(new Cleanup("api")));
        Runner.of(fake.with(parallelize(parallelism))).with(options -> options.clock(clock).listener(recorder)).run(flow);
        return recorder.trace();
    }

    @Test
    void a_parallel_pipeline_passes_the_assertions_that_describe_it() {
        Trace trace = pipelineTrace(2);

        TraceAssert.assertThat(trace)
                .performed(new Deploy("api"))
                .performedInOrder(new Build("api"), new RunTests("api"), new Deploy("api"), new Cleanup("api"))
                .performedConcurrently(new Build("api"), new Build("web"))
                .never(new Deploy("web"))
                .never(Ops.Fetch.class)
                .startedAt(new RunTests("api"), Duration.ofMillis(100))
                .took(new Deploy("api"), Duration.ofMillis(100))
                .spans(Duration.ofMillis(400));
        TraceAssert.assertThat(trace).countOf(Build.class).isEqualTo(2);
        assertThat(trace.toString()).contains("Deploy[service=api] -> null (100ms)");
    }

    @Test
    void branches_one_after_another_are_not_concurrent() {
        Trace trace = pipelineTrace(1);

        assertThatThrownBy(() -> TraceAssert.assertThat(trace).performedConcurrently(new Build("api"), new Build("web")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to run at overlapping times, but they did not")
                .hasMessageContaining("#2 main/0/1#0 +100ms  Build[service=web]");
        TraceAssert.assertThat(trace).spans(Duration.ofMillis(500));
    }

    @Test
    void failed_assertions_name_what_was_expected_and_show_the_trace() {
        Trace trace = pipelineTrace(2);

        assertThatThrownBy(() -> TraceAssert.assertThat(trace).performedInOrder(new Deploy("api"), new RunTests("api")))
                .hasMessageContaining("RunTests[service=api] was not performed after Deploy[service=api]")
                .hasMessageContaining("#3 main");
        assertThatThrownBy(() -> TraceAssert.assertThat(trace).never(Deploy.class))
                .hasMessageContaining("expected the run never to perform a Deploy").hasMessageContaining("step #4 did");
        assertThatThrownBy(() -> TraceAssert.assertThat(trace).performed(new Deploy("web")))
                .hasMessageContaining("expected the run to perform").hasMessageContaining("Deploy[service=web]");
        assertThatThrownBy(() -> TraceAssert.assertThat(trace).startedAt(new Deploy("api"), Duration.ZERO))
                .hasMessageContaining("to start at +0s but it started at +200ms");
        assertThatThrownBy(() -> TraceAssert.assertThat(trace).countOf(Deploy.class).isEqualTo(2))
                .hasMessageContaining("number of Deploy steps");
    }

    @Test
    void never_after_failed_sees_a_step_that_follows_a_failure() {
        Program<Void> reckless = Program.perform(new RunTests("api")).attempt().andThen(Program.perform(new Deploy("api")));
        FaultRun<Void> run = FaultRun.of(reckless, FaultPlan.NONE.fail(RunTests.class, 1, IOException.class),
                (clock, faults) -> FakeExecutor.builder().on(Ops.class, op -> op instanceof RunTests ? true : null).build().with(faults));

        assertThatThrownBy(() -> TraceAssert.assertThat(run.trace()).neverAfterFailed(RunTests.class, Deploy.class))
                .hasMessageContaining("expected no Deploy after a failed RunTests")
                .hasMessageContaining("step #1 RunTests[service=api] failed and step #2 Deploy[service=api] came after it");
    }

    @Property(tries = 20)
    void parallel_builds_overlap_whenever_two_may_run_at_once(@ForAll @IntRange(min = 2, max = 8) int parallelism) {
        TraceAssert.assertThat(pipelineTrace(parallelism))
                .performedConcurrently(new Build("api"), new Build("web"))
                .spans(Duration.ofMillis(400));
    }
}
