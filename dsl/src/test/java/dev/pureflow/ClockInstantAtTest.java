package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** {@link Clock#instantAt}: the instant of a reading, which the system clock derives instead of reading the time again. */
class ClockInstantAtTest {

    private static final Duration SLACK = Duration.ofMillis(1);

    @Example
    void the_system_clocks_instant_of_a_reading_taken_now_is_the_wall_clocks_now() {
        Clock clock = Clock.system();
        Instant before = Instant.now();
        Instant derived = clock.instantAt(clock.nanoTime());
        Instant after = Instant.now();

        assertThat(derived).isBetween(before.minus(SLACK), after.plus(SLACK));
    }

    @Property(tries = 20)
    void the_system_clock_places_readings_apart_by_their_difference(@ForAll @LongRange(min = 0, max = 5_000_000_000L) long later) {
        Clock clock = Clock.system();
        long reading = clock.nanoTime();
        Instant before = Instant.now();

        // a reading more than a second after the anchor takes a new anchor: the difference still holds
        Instant first = clock.instantAt(reading);
        Instant second = clock.instantAt(reading + later);

        assertThat(first).isAfterOrEqualTo(before.minus(SLACK).minus(Duration.ofSeconds(1)));
        assertThat(Duration.between(first, second)).isBetween(Duration.ofNanos(later).minus(SLACK), Duration.ofNanos(later).plus(SLACK));
    }

    @Example
    void a_clock_that_does_not_say_otherwise_reads_its_instant_again() {
        Instant fixed = Instant.parse("2026-05-01T10:00:00Z");
        Clock clock = new Clock() { // overrides all but instantAt
            @Override
            public Instant instant() {
                return fixed;
            }

            @Override
            public long nanoTime() {
                return 0;
            }

            @Override
            public void sleep(Duration duration) {}

            @Override
            public void await(java.util.concurrent.CompletionStage<?> stage) {}

            @Override
            public boolean await(java.util.concurrent.CompletionStage<?> stage, Duration timeout) {
                return true;
            }

            @Override
            public Thread startThread(String name, Runnable task) {
                return Clock.system().startThread(name, task);
            }
        };

        assertThat(clock.instantAt(123_456_789L)).isEqualTo(fixed);
    }
}
