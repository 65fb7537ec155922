package dev.pureflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Program;
import dev.pureflow.interpreters.fake.FakeExecutor;
import dev.pureflow.testkit.Ops.Build;
import dev.pureflow.testkit.Ops.Cleanup;
import dev.pureflow.testkit.Ops.Deploy;
import dev.pureflow.testkit.Ops.RunTests;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShrinkingTest {

    static final FakeExecutor FAKE = FakeExecutor.builder()
            .on(Build.class, build -> build.service() + ".jar")
            .on(RunTests.class, tests -> true)
            .on(Deploy.class, deploy -> null)
            .on(Cleanup.class, cleanup -> null)
            .build();

    /** Cleans up when the first or the third step fails, and forgets to when the second one does. */
    static final Program<Void> LEAKY = cleaningUpOnFailure(Program.perform(new Build("api")))
            .andThen(Program.perform(new RunTests("api")))
            .andThen(cleaningUpOnFailure(Program.perform(new Deploy("api"))))
            .andThen(Program.perform(new Cleanup("api")));

    static <A> Program<A> cleaningUpOnFailure(Program<A> step) {
        return step.recoverWith(error -> Program.perform(new Cleanup("api")).andThen(Program.fail(error)));
    }

    static final FaultPlanArbitrary PLANS = FaultPlan.arbitrary(Build.class, RunTests.class, Deploy.class)
            .withMaxFaults(3).withMaxOccurrence(2).withErrors(IOException.class, IllegalStateException.class)
            .withMaxDelay(Duration.ofSeconds(5));

    static void cleansUpWhenItFails(FaultPlan plan) {
        FaultRun.of(LEAKY, plan, (clock, faults) -> FAKE.with(faults)).check(run -> {
            if (run.outcome().isFailure()) {
                TraceAssert.assertThat(run.trace()).performed(new Cleanup("api"));
            }
        });
    }

    @Test
    void a_broken_property_shrinks_to_the_single_simplest_fault() {
        Optional<PropertyCheck.Counterexample<FaultPlan>> found = PropertyCheck.falsify(PLANS, 42L, 500, ShrinkingTest::cleansUpWhenItFails);

        assertThat(found).isPresent();
        assertThat(found.get().shrunk()).isEqualTo(FaultPlan.NONE.fail(RunTests.class, 1, IOException.class));
        assertThat(found.get().error()).hasMessageStartingWith("""
                under fault plan: fail RunTests#1 with IOException
                faults that fired: fail RunTests#1 with IOException
                the flow failed with IOException: injected fault: fail RunTests#1 with IOException after 0s""");
    }

    @Test
    void shrinking_finds_the_same_counterexample_from_many_seeds() {
        for (long seed = 1; seed <= 5; seed++) {
            assertThat(PropertyCheck.falsify(PLANS, seed, 500, ShrinkingTest::cleansUpWhenItFails))
                    .get().extracting(counterexample -> counterexample.shrunk().toString())
                    .isEqualTo("fail RunTests#1 with IOException");
        }
    }

    @Test
    void the_same_seed_finds_the_same_original_and_shrunk_plans() {
        var first = PropertyCheck.falsify(PLANS, 7L, 500, ShrinkingTest::cleansUpWhenItFails).orElseThrow();
        var second = PropertyCheck.falsify(PLANS, 7L, 500, ShrinkingTest::cleansUpWhenItFails).orElseThrow();

        assertThat(second.original()).isEqualTo(first.original());
        assertThat(second.tries()).isEqualTo(first.tries());
        assertThat(second.shrunk()).isEqualTo(first.shrunk());
    }

    @Test
    void a_property_that_holds_has_no_counterexample() {
        Program<Void> safe = Program.perform(new Build("api"))
                .andThen(Program.perform(new RunTests("api")))
                .andThen(Program.perform(new Deploy("api")))
                .ensuring(Program.perform(new Cleanup("api")));

        assertThat(PropertyCheck.falsify(PLANS, 42L, 300, plan -> FaultRun.of(safe, plan, (clock, faults) -> FAKE.with(faults))
                .check(run -> TraceAssert.assertThat(run.trace()).performed(new Cleanup("api"))))).isEmpty();
    }

    @Test
    void slow_faults_shrink_toward_the_shortest_delay() {
        var found = PropertyCheck.falsify(FaultPlan.arbitrary(Deploy.class).withKinds(Fault.Kind.SLOW)
                        .withMaxDelay(Duration.ofSeconds(10)), 3L, 200,
                plan -> FaultRun.of(LEAKY, plan, (clock, faults) -> FAKE.with(faults))
                        .check(run -> assertThat(run.elapsed()).isLessThan(Duration.ofSeconds(2))));

        assertThat(found).get().extracting(counterexample -> counterexample.shrunk().toString())
                .isEqualTo("slow Deploy#1 by 2s");
    }
}
