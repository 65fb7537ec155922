package dev.pureflow.combinators;

import static dev.pureflow.combinators.Combinators.parallelize;
import static dev.pureflow.combinators.Combinators.retried;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.fake.VirtualClock;
import io.vavr.control.Option;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/**
 * A seeded retry policy waits the same jittered delays in every run, in virtual time, sequential
 * or parallel; and the jitter it draws is really applied and stays within its bounds.
 */
class SeededJitterTest {

    record Fetch(String what) implements Action<String> {}

    private static final Duration SECOND = Duration.ofSeconds(1);

    /** Fails the first {@code failures} attempts of every action; keeps when each attempt began, per action. */
    static final class FailingFirst implements Executor {
        private final VirtualClock clock;
        private final int failures;
        private final Map<Action<?>, List<Duration>> attemptsAt = new ConcurrentHashMap<>();

        FailingFirst(VirtualClock clock, int failures) {
            this.clock = clock;
            this.failures = failures;
        }

        @Override
        public Object execute(Action<?> action) throws Exception {
            List<Duration> attempts = attemptsAt.computeIfAbsent(action, ignored -> new CopyOnWriteArrayList<>());
            attempts.add(clock.elapsed());
            if (attempts.size() <= failures) {
                throw new IOException(action + " attempt " + attempts.size());
            }
            return "ok";
        }

        /** The waits between consecutive attempts, per action (by its text, sorted, so maps compare). */
        Map<String, List<Duration>> gaps() {
            Map<String, List<Duration>> gaps = new TreeMap<>();
            attemptsAt.forEach((action, at) -> gaps.put(action.toString(),
                    IntStream.range(1, at.size()).mapToObj(i -> at.get(i).minus(at.get(i - 1))).toList()));
            return gaps;
        }
    }

    /** The per-action retry gaps of one run of {@code flow}, on a fresh virtual clock and a fresh executor. */
    private static Map<String, List<Duration>> gapsOfOneRun(Program<?> flow, RetryPolicy policy, int parallelism) {
        VirtualClock clock = VirtualClock.start();
        FailingFirst world = new FailingFirst(clock, policy.maxAttempts() - 1);
        Runner.of(world.with(retried(policy, clock)).with(parallelize(parallelism))).with(options -> options.clock(clock)).run(flow);
        return world.gaps();
    }

    private static final RetryPolicy HALF_JITTER = RetryPolicy.DEFAULT
            .withMaxAttempts(6)
            .withBackoff(Backoff.fixed(SECOND))
            .withJitter(0.5);

    @Test
    void the_same_seed_gives_the_same_retry_delays_in_virtual_time_run_after_run() {
        Program<String> flow = Program.perform(new Fetch("users")).andThen(Program.perform(new Fetch("groups")));
        RetryPolicy seeded = HALF_JITTER.withJitterSeed(42);

        Map<String, List<Duration>> first = gapsOfOneRun(flow, seeded, 1);

        assertThat(first).containsOnlyKeys("Fetch[what=users]", "Fetch[what=groups]");
        assertThat(first.values()).allSatisfy(gaps -> assertThat(gaps).hasSize(5));
        for (int run = 0; run < 5; run++) {
            assertThat(gapsOfOneRun(flow, seeded, 1)).isEqualTo(first);
        }
    }

    @Test
    void a_parallel_flow_waits_the_same_delays_whatever_order_its_branches_retry_in() {
        Program<io.vavr.collection.List<String>> flow = Program.parallel(
                Program.perform(new Fetch("a")), Program.perform(new Fetch("b")), Program.perform(new Fetch("c")));
        RetryPolicy seeded = HALF_JITTER.withJitterSeed(7);

        Map<String, List<Duration>> first = gapsOfOneRun(flow, seeded, 3);

        assertThat(first).hasSize(3);
        for (int run = 0; run < 10; run++) {
            assertThat(gapsOfOneRun(flow, seeded, 3)).isEqualTo(first);
        }
        assertThat(gapsOfOneRun(flow, seeded, 1)).as("the same delays when the branches run one after another").isEqualTo(first);
    }

    @Test
    void different_seeds_and_different_actions_draw_different_delays() {
        Program<String> flow = Program.perform(new Fetch("users")).andThen(Program.perform(new Fetch("groups")));

        Map<String, List<Duration>> seven = gapsOfOneRun(flow, HALF_JITTER.withJitterSeed(7), 1);
        Map<String, List<Duration>> eight = gapsOfOneRun(flow, HALF_JITTER.withJitterSeed(8), 1);

        assertThat(seven).isNotEqualTo(eight);
        assertThat(seven.get("Fetch[what=users]")).isNotEqualTo(seven.get("Fetch[what=groups]"));
    }

    @Test
    void a_seeded_policy_says_so_and_can_go_back_to_random_jitter() {
        RetryPolicy seeded = RetryPolicy.DEFAULT.withJitterSeed(3);

        assertThat(RetryPolicy.DEFAULT.jitterSeed()).isEmpty();
        assertThat(seeded.jitterSeed()).contains(3L);
        assertThat(seeded.withMaxAttempts(5).withJitter(0.1).jitterSeed()).as("kept by the other with-methods").contains(3L);
        assertThat(seeded.withRandomJitter()).isEqualTo(RetryPolicy.DEFAULT);
    }

    @Test
    void a_missing_seed_option_is_refused_by_name() {
        assertThatThrownBy(() -> new RetryPolicy(1, Backoff.none(), 0, error -> true, action -> true, null))
                .isInstanceOf(NullPointerException.class).hasMessage("jitterSeed");
        assertThatThrownBy(() -> new RetryPolicy(1, Backoff.none(), 0, error -> true, action -> true, Option.some(null)))
                .isInstanceOf(NullPointerException.class).hasMessage("jitterSeed");
        assertThatThrownBy(() -> RetryPolicy.DEFAULT.jitterSource(null))
                .isInstanceOf(NullPointerException.class).hasMessage("action");
    }

    @Property(tries = 60)
    void two_runs_under_one_seed_wait_identical_jittered_delays_within_the_bounds(
            @ForAll long seed, @ForAll @DoubleRange(min = 0.1, max = 1) double jitter) {
        RetryPolicy policy = RetryPolicy.DEFAULT.withMaxAttempts(8).withBackoff(Backoff.fixed(SECOND)).withJitter(jitter).withJitterSeed(seed);
        Program<String> flow = Program.perform(new Fetch("users"));

        List<Duration> first = gapsOfOneRun(flow, policy, 1).get("Fetch[what=users]");
        List<Duration> second = gapsOfOneRun(flow, policy, 1).get("Fetch[what=users]");

        assertThat(second).isEqualTo(first).hasSize(7);
        Duration lowest = Duration.ofNanos((long) Math.floor(SECOND.toNanos() * (1 - jitter)) - 1); // 1 ns for rounding
        assertThat(first).allSatisfy(gap -> assertThat(gap).isBetween(lowest, SECOND));
        assertThat(first).as("jitter was applied: some delay is shorter than the plain backoff").anySatisfy(gap -> assertThat(gap).isLessThan(SECOND));
    }

    @Property(tries = 30)
    void a_seed_does_not_jitter_a_policy_without_jitter(@ForAll long seed) {
        RetryPolicy policy = RetryPolicy.DEFAULT.withMaxAttempts(4).withJitter(0).withJitterSeed(seed);

        List<Duration> gaps = gapsOfOneRun(Program.perform(new Fetch("users")), policy, 1).get("Fetch[what=users]");

        assertThat(gaps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
        List<Duration> plain = new ArrayList<>();
        for (int retry = 1; retry <= 3; retry++) {
            plain.add(policy.backoff().delayBefore(retry));
        }
        assertThat(gaps).isEqualTo(plain);
    }
}
