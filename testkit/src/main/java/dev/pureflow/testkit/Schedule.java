package dev.pureflow.testkit;

import dev.pureflow.Action;
import dev.pureflow.Clock;
import dev.pureflow.Combinator;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * An interleaving of the branches of parallel blocks, fixed by a seed: each action is held back a
 * pseudo-random span of virtual time before it reaches the executor, so concurrent branches reach
 * the world, and finish, in an order the seed decides. Different seeds give different orders; the
 * same seed gives the same order on every run, whatever the threads do, so an order-dependent bug
 * found by a property replays from jqwik's seed.
 *
 * <pre>{@code
 * @Property
 * void last_write_wins_whatever_the_order(@ForAll("schedules") Schedule schedule) {
 *     VirtualClock clock = VirtualClock.start();
 *     Executor executor = store.with(parallelize(4)).with(schedule.ordering(clock));
 *     Runner.of(executor).with(options -> options.clock(clock)).run(flow);
 * }
 *
 * @Provide
 * Arbitrary<Schedule> schedules() {
 *     return Schedule.arbitrary();
 * }
 * }</pre>
 *
 * <p>How: the hold of an action is drawn from the seed, the action's {@code toString} and how many
 * equal actions came before it, between 1 ns and {@link #MAX_HOLD}; a {@link
 * dev.pureflow.interpreters.fake.VirtualClock} then releases the held actions strictly in order of
 * their release times. Give the runner the same clock, and a parallelism above one (the branches
 * must be running at once to be interleaved). Two equal actions held exactly as long would be
 * released in the threads' order; with holds drawn from a million nanoseconds that is rare, and
 * harmless when equal actions have equal effects. Holds add at most {@link #MAX_HOLD} of virtual
 * time per action. Immutable.
 *
 * @param seed the seed the order is drawn from
 */
public record Schedule(long seed) {

    /** The longest an action is held back: 1 ms of virtual time. */
    public static final Duration MAX_HOLD = Duration.ofMillis(1);

    /** The schedule drawn from {@code seed}. */
    public static Schedule seeded(long seed) {
        return new Schedule(seed);
    }

    /** Schedules from any seed; jqwik reports a failing one by its seed, which replays it. */
    public static Arbitrary<Schedule> arbitrary() {
        return Arbitraries.longs().map(Schedule::new);
    }

    /**
     * A combinator that holds each action back, on {@code clock} (a virtual clock the runner also
     * runs on), for the span this schedule gives it. Apply it outermost, so that the order it fixes
     * is the order everything beneath sees; keeps the wrapped executor's parallelism.
     */
    public Combinator ordering(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        Map<String, Integer> seen = new HashMap<>();
        return Combinator.around((action, next) -> {
            clock.sleep(hold(action, seen));
            return next.execute(action);
        });
    }

    /** How long this schedule holds {@code action}, the {@code occurrence}-th of its equals (from 1). */
    public Duration holdOf(Action<?> action, int occurrence) {
        Objects.requireNonNull(action, "action");
        long mixed = mix(seed ^ mix(action.toString().hashCode() * 0x9E3779B97F4A7C15L + occurrence));
        return Duration.ofNanos(1 + Math.floorMod(mixed, MAX_HOLD.toNanos()));
    }

    private Duration hold(Action<?> action, Map<String, Integer> seen) {
        int occurrence;
        synchronized (seen) {
            occurrence = seen.merge(action.toString(), 1, Integer::sum);
        }
        return holdOf(action, occurrence);
    }

    /** SplitMix64's finaliser: spreads every bit of the input over the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return "Schedule.seeded(" + seed + ")";
    }
}
