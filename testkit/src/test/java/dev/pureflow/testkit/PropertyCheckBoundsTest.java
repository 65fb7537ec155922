package dev.pureflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Shrinkable;
import net.jqwik.api.ShrinkingDistance;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.Test;

/** How many values {@link PropertyCheck} tries, how far it shrinks, and the session it leaves (issue 15). */
class PropertyCheckBoundsTest {

    /** A value that shrinks one at a time toward 0: each shrinking step takes exactly one off. */
    private record Countdown(Integer value) implements Shrinkable<Integer> {
        @Override
        public Stream<Shrinkable<Integer>> shrink() {
            return value == 0 ? Stream.empty() : Stream.of(new Countdown(value - 1));
        }

        @Override
        public ShrinkingDistance distance() {
            return ShrinkingDistance.of(value);
        }
    }

    private static Arbitrary<Integer> countdownFrom(int start) {
        return Arbitraries.fromGenerator(random -> new Countdown(start));
    }

    @Test
    void a_property_that_always_holds_is_tried_exactly_the_number_of_tries() {
        AtomicInteger calls = new AtomicInteger();
        assertThat(PropertyCheck.falsify(Arbitraries.integers(), 7L, 17, value -> calls.incrementAndGet())).isEmpty();
        assertThat(calls).hasValue(17);
    }

    @Test
    void one_try_is_allowed_and_zero_is_refused() {
        AtomicInteger calls = new AtomicInteger();
        assertThat(PropertyCheck.falsify(Arbitraries.integers(), 7L, 1, value -> calls.incrementAndGet())).isEmpty();
        assertThat(calls).hasValue(1);
        assertThatThrownBy(() -> PropertyCheck.falsify(Arbitraries.integers(), 7L, 0, value -> {}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("tries must be at least 1, was 0");
    }

    @Test
    void the_value_that_breaks_the_property_on_the_last_try_is_found() {
        AtomicInteger calls = new AtomicInteger();
        Optional<PropertyCheck.Counterexample<Integer>> found = PropertyCheck.falsify(Arbitraries.integers(), 7L, 5, value -> {
            if (calls.incrementAndGet() == 5) {
                throw new AssertionError("fifth");
            }
        });
        assertThat(found).get().extracting(PropertyCheck.Counterexample::tries).isEqualTo(5);
    }

    @Test
    void shrinking_counts_its_steps_and_reports_the_error_of_the_shrunk_value() {
        PropertyCheck.Counterexample<Integer> found = PropertyCheck.falsify(countdownFrom(3), 1L, 10, value -> {
            throw new IllegalStateException("broken at " + value);
        }).orElseThrow();

        assertThat(found.original()).isEqualTo(3);
        assertThat(found.shrunk()).isZero();
        assertThat(found.shrinkSteps()).isEqualTo(3);
        assertThat(found.tries()).isEqualTo(1);
        assertThat(found.error()).hasMessage("broken at 0");
    }

    @Test
    void shrinking_stops_after_exactly_max_shrink_steps() {
        int start = PropertyCheck.MAX_SHRINK_STEPS + 500;
        PropertyCheck.Counterexample<Integer> found = PropertyCheck.falsify(countdownFrom(start), 1L, 1, value -> {
            throw new AssertionError("always");
        }).orElseThrow();

        assertThat(found.shrinkSteps()).isEqualTo(PropertyCheck.MAX_SHRINK_STEPS);
        assertThat(found.shrunk()).isEqualTo(start - PropertyCheck.MAX_SHRINK_STEPS);
    }

    @Test
    void a_check_outside_jqwik_opens_and_closes_its_own_session_and_leaves_an_open_one_open() {
        assertThat(JqwikSession.isActive()).isFalse();
        assertThat(PropertyCheck.falsify(Arbitraries.integers(), 7L, 3, value -> assertThat(JqwikSession.isActive()).isTrue()))
                .isEmpty();
        assertThat(JqwikSession.isActive()).isFalse();

        JqwikSession.start();
        try {
            PropertyCheck.falsify(Arbitraries.integers(), 7L, 3, value -> {});
            assertThat(JqwikSession.isActive()).isTrue();
        } finally {
            JqwikSession.finish();
        }
    }
}
