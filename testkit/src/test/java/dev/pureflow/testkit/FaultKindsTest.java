package dev.pureflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.interpreters.fake.VirtualClock;
import dev.pureflow.testkit.Ops.Fetch;
import dev.pureflow.testkit.Ops.Put;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What each fault is, what an empty plan is, and how a failing fault makes its exception. */
class FaultKindsTest {

    /** An exception with no constructor that takes a message. */
    public static final class Bare extends Exception {
        public Bare() {
            super("bare");
        }
    }

    /** An exception no public constructor makes. */
    public static final class Unmakeable extends Exception {
        private Unmakeable() {}
    }

    @Test
    void each_fault_says_its_kind() {
        assertThat(Fault.fail(Fetch.class, 1, IOException.class).effect().kind()).isEqualTo(Fault.Kind.FAIL);
        assertThat(Fault.slow(Fetch.class, 1, Duration.ofSeconds(1)).effect().kind()).isEqualTo(Fault.Kind.SLOW);
        assertThat(Fault.timeOut(Fetch.class, 1, Duration.ofSeconds(1)).effect().kind()).isEqualTo(Fault.Kind.TIME_OUT);
    }

    @Test
    void a_plan_is_empty_only_without_faults_and_its_injection_applies_it() {
        FaultPlan plan = FaultPlan.of(Fault.fail(Fetch.class, 2, IOException.class));

        assertThat(FaultPlan.of().isEmpty()).isTrue();
        assertThat(plan.isEmpty()).isFalse();
        assertThat(plan.injecting(VirtualClock.start()).plan()).isEqualTo(plan);
    }

    @Test
    void the_longest_run_of_failing_occurrences_counts_failures_and_time_outs_per_type_not_delays() {
        FaultPlan plan = FaultPlan.of(
                Fault.fail(Fetch.class, 1, IOException.class),
                Fault.timeOut(Fetch.class, 2, Duration.ofSeconds(1)),
                Fault.slow(Fetch.class, 3, Duration.ofSeconds(1)),
                Fault.fail(Fetch.class, 4, IOException.class),
                Fault.fail(Put.class, 3, IOException.class));

        assertThat(plan.maxConsecutiveFailures()).isEqualTo(2);
        assertThat(FaultPlan.of(Fault.slow(Fetch.class, 1, Duration.ofSeconds(1))).maxConsecutiveFailures()).isZero();
    }

    @Test
    void a_gap_after_a_run_of_failing_occurrences_ends_the_run_and_starts_a_new_one() {
        FaultPlan plan = FaultPlan.of(
                Fault.fail(Fetch.class, 1, IOException.class),
                Fault.fail(Fetch.class, 2, IOException.class),
                Fault.fail(Fetch.class, 3, IOException.class),
                Fault.fail(Fetch.class, 7, IOException.class));

        assertThat(plan.maxConsecutiveFailures()).isEqualTo(3);
    }

    @Test
    void a_failing_fault_throws_its_exception_made_with_or_without_a_message() {
        Fault bare = Fault.fail(Fetch.class, 1, Bare.class);
        Fault unmakeable = Fault.fail(Fetch.class, 1, Unmakeable.class);
        VirtualClock clock = VirtualClock.start();

        assertThatThrownBy(() -> bare.effect().apply(new Fetch("k"), action -> "unreached", clock, bare))
                .isExactlyInstanceOf(Bare.class).hasMessage("bare");
        assertThatThrownBy(() -> unmakeable.effect().apply(new Fetch("k"), action -> "unreached", clock, unmakeable))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Unmakeable.class.getName()).hasMessageContaining("injected fault");
    }
}
