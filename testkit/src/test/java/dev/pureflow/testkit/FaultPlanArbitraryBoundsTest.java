package dev.pureflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.testkit.Ops.Build;
import dev.pureflow.testkit.Ops.Fetch;
import java.io.IOException;
import java.time.Duration;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The smallest allowed value of each {@link FaultPlanArbitrary} bound is accepted and never exceeded,
 * and the one below it is refused (issue 15: the boundary survivors of the bounds).
 */
class FaultPlanArbitraryBoundsTest {

    @Provide
    Arbitrary<FaultPlan> noFaults() {
        return FaultPlan.arbitrary(Fetch.class, Build.class).withMaxFaults(0);
    }

    @Property(tries = 20)
    void with_at_most_zero_faults_every_plan_is_the_empty_plan(@ForAll("noFaults") FaultPlan plan) {
        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.faults()).isEmpty();
    }

    @Provide
    Arbitrary<FaultPlan> firstOccurrences() {
        return FaultPlan.arbitrary(Fetch.class, Build.class).withMaxOccurrence(1).withMaxFaults(5);
    }

    @Property(tries = 50)
    void with_max_occurrence_one_every_fault_hits_a_first_occurrence_so_at_most_one_per_type(
            @ForAll("firstOccurrences") FaultPlan plan) {
        assertThat(plan.faults()).allSatisfy(fault -> assertThat(fault.target().occurrence()).isEqualTo(1));
        assertThat(plan.faults()).hasSizeLessThanOrEqualTo(2);
    }

    @Provide
    Arbitrary<FaultPlan> shortDelays() {
        return FaultPlan.arbitrary(Fetch.class).withKinds(Fault.Kind.SLOW, Fault.Kind.TIME_OUT).withMaxDelay(Duration.ofMillis(1))
                .withMaxOccurrence(3);
    }

    @Property(tries = 50)
    void with_max_delay_one_millisecond_every_delay_is_exactly_one_millisecond(@ForAll("shortDelays") FaultPlan plan) {
        for (Fault fault : plan.faults()) {
            switch (fault.effect()) {
                case Fault.Fail fail -> throw new AssertionError("FAIL was not among the kinds asked for: " + fault);
                case Fault.Slow slow -> assertThat(slow.by()).isEqualTo(Duration.ofMillis(1));
                case Fault.TimeOut timeOut -> assertThat(timeOut.after()).isEqualTo(Duration.ofMillis(1));
            }
        }
    }

    @Provide
    Arbitrary<FaultPlan> neverFailing() {
        return FaultPlan.arbitrary(Fetch.class).withKinds(Fault.Kind.FAIL, Fault.Kind.SLOW).withMaxFaults(3)
                .withAtMostConsecutiveFailures(0);
    }

    @Property(tries = 50)
    void with_at_most_zero_consecutive_failures_no_plan_fails_an_action(@ForAll("neverFailing") FaultPlan plan) {
        assertThat(plan.maxConsecutiveFailures()).isZero();
        assertThat(plan.faults()).noneMatch(Fault::failsAction);
    }

    @Provide
    Arbitrary<FaultPlan> singleFailures() {
        return FaultPlan.arbitrary(Fetch.class).withKinds(Fault.Kind.FAIL).withMaxFaults(3).withMaxOccurrence(3)
                .withAtMostConsecutiveFailures(1);
    }

    @Property(tries = 50)
    void with_at_most_one_consecutive_failure_no_plan_fails_an_action_twice_in_a_row(@ForAll("singleFailures") FaultPlan plan) {
        assertThat(plan.maxConsecutiveFailures()).isLessThanOrEqualTo(1);
    }

    @Test
    void a_bound_below_its_smallest_value_is_refused_naming_it() {
        FaultPlanArbitrary plans = FaultPlan.arbitrary(Fetch.class);
        assertThatThrownBy(() -> plans.withMaxFaults(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxFaults must not be negative, was -1");
        assertThatThrownBy(() -> plans.withMaxOccurrence(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxOccurrence must be at least 1, was 0");
        assertThatThrownBy(() -> plans.withMaxDelay(Duration.ofNanos(999_999))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxDelay must be at least 1ms, was PT0.000999999S");
        assertThatThrownBy(() -> plans.withAtMostConsecutiveFailures(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must not be negative, was -1");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void a_type_that_is_not_an_action_is_refused_even_through_a_raw_class() {
        Class raw = String.class;
        assertThatThrownBy(() -> FaultPlan.arbitrary(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("java.lang.String is not an Action type");
    }

    @Test
    void an_arbitrary_reads_as_its_configuration() {
        assertThat(FaultPlan.arbitrary(Fetch.class, Build.class).withMaxFaults(2).withMaxOccurrence(4)
                .withKinds(Fault.Kind.FAIL).withErrors(IOException.class).withMaxDelay(Duration.ofSeconds(5)))
                .hasToString("FaultPlanArbitrary[types=[Fetch, Build], maxFaults=2, maxOccurrence=4, kinds=[FAIL], maxDelay="
                        + Durations.human(Duration.ofSeconds(5)) + "]");
    }
}
