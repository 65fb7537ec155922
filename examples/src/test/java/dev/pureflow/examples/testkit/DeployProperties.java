package dev.pureflow.examples.testkit;

import static dev.pureflow.combinators.Combinators.retried;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.combinators.RetryPolicy;
import dev.pureflow.examples.testkit.Pipeline.Step.Build;
import dev.pureflow.examples.testkit.Pipeline.Step.Cleanup;
import dev.pureflow.examples.testkit.Pipeline.Step.RunTests;
import dev.pureflow.examples.testkit.Pipeline.Step.Ship;
import dev.pureflow.testkit.Fault;
import dev.pureflow.testkit.FaultPlan;
import dev.pureflow.testkit.FaultRun;
import dev.pureflow.testkit.PropertyCheck;
import dev.pureflow.testkit.TraceAssert;
import java.io.IOException;
import java.time.Duration;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The testkit showcase: properties of a deploy pipeline under every way its world can fail. */
class DeployProperties {

    // README: testkit-property
    @Property
    void a_deploy_never_ships_after_a_failed_test_step(@ForAll("anyFaults") FaultPlan plan) {
        FaultRun.of(Pipeline.deploy("api"), plan, (clock, faults) -> Pipeline.WORLD.with(faults))
                .check(run -> {
                    TraceAssert.assertThat(run.trace())
                            .neverAfterFailed(RunTests.class, Ship.class)
                            .performed(new Cleanup("api"));
                    if (run.outcome().isSuccess()) {
                        TraceAssert.assertThat(run.trace()).performed(new Ship("api.jar"));
                    }
                });
    }

    @Provide
    Arbitrary<FaultPlan> anyFaults() {
        return FaultPlan.arbitrary(Build.class, RunTests.class, Ship.class, Cleanup.class)
                .withMaxFaults(3)
                .withErrors(IOException.class, IllegalStateException.class)
                .withMaxDelay(Duration.ofMinutes(5));
    }
    // END README

    @Property(tries = 200)
    void retried_3_succeeds_whenever_each_action_fails_at_most_twice_in_a_row(@ForAll("survivableFaults") FaultPlan plan) {
        RetryPolicy threeAttempts = RetryPolicy.DEFAULT.withMaxAttempts(3).withJitter(0);
        FaultRun.of(Pipeline.deploy("api"), plan,
                        (clock, faults) -> Pipeline.WORLD.with(faults).with(retried(threeAttempts, clock)))
                .check(run -> {
                    assertThat(run.outcome().isSuccess()).as("the deploy succeeded").isTrue();
                    TraceAssert.assertThat(run.trace()).performedInOrder(
                            new Build("api"), new RunTests("api.jar"), new Ship("api.jar"), new Cleanup("api"));
                });
    }

    @Provide
    Arbitrary<FaultPlan> survivableFaults() {
        return FaultPlan.arbitrary(Build.class, RunTests.class, Ship.class, Cleanup.class)
                .withMaxFaults(6)
                .withMaxOccurrence(3)
                .withKinds(Fault.Kind.FAIL, Fault.Kind.SLOW, Fault.Kind.TIME_OUT)
                .withAtMostConsecutiveFailures(2);
    }

    static void cleansUpWhateverHappens(FaultPlan plan) {
        FaultRun.of(Pipeline.leakyDeploy("api"), plan, (clock, faults) -> Pipeline.WORLD.with(faults))
                .check(run -> TraceAssert.assertThat(run.trace()).performed(new Cleanup("api")));
    }

    @Test
    void the_planted_bug_is_found_and_shrunk_to_the_single_fault_that_causes_it() {
        var found = PropertyCheck.falsify(anyFaults(), 2026L, 1000, DeployProperties::cleansUpWhateverHappens);

        assertThat(found).isPresent();
        assertThat(found.get().shrunk()).isEqualTo(FaultPlan.NONE.fail(RunTests.class, 1, IOException.class));
        assertThat(found.get().shrunk()).hasToString("fail RunTests#1 with IOException");
    }

    @Test
    void the_fixed_flow_passes_the_property_that_found_the_bug() {
        assertThat(PropertyCheck.falsify(anyFaults(), 2026L, 300,
                plan -> FaultRun.of(Pipeline.deploy("api"), plan, (clock, faults) -> Pipeline.WORLD.with(faults))
                        .check(run -> TraceAssert.assertThat(run.trace()).performed(new Cleanup("api"))))).isEmpty();
    }

    /** What the README shows as the failure of the planted bug's property. */
    static String plantedBugFailure() {
        return PropertyCheck.falsify(new DeployProperties().anyFaults(), 2026L, 1000, DeployProperties::cleansUpWhateverHappens)
                .orElseThrow().error().getMessage();
    }
}
