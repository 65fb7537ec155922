package dev.pureflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.pureflow.combinators.Combinators.parallelize;

import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.fake.FakeExecutor;
import dev.pureflow.interpreters.fake.VirtualClock;
import dev.pureflow.testkit.Ops.Fetch;
import dev.pureflow.testkit.Ops.Put;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    /** Two branches of two steps each, writing to one key: which write lands last depends on the order. */
    static final Program<String> RACY = Program.parallel(
                    Program.perform(new Put("config", "from-a")).andThen(Program.perform(new Put("log", "a"))),
                    Program.perform(new Put("log", "b")).andThen(Program.perform(new Put("config", "from-b"))))
            .andThen(Program.perform(new Fetch("config")));

    /** Runs RACY under {@code schedule} against a fresh store; yields the order the puts reached it. */
    static List<String> run(Schedule schedule) {
        Map<String, String> store = new ConcurrentHashMap<>();
        List<String> order = new CopyOnWriteArrayList<>();
        Executor world = FakeExecutor.builder()
                .on(Put.class, put -> {
                    order.add(put.key() + "=" + put.value());
                    store.put(put.key(), put.value());
                    return null;
                })
                .on(Fetch.class, fetch -> store.get(fetch.key()))
                .build();
        VirtualClock clock = VirtualClock.start();
        String config = Runner.of(world.with(parallelize(2)).with(schedule.ordering(clock)))
                .with(options -> options.clock(clock)).run(RACY);
        order.add("read " + config);
        return order;
    }

    @Test
    void the_same_seed_gives_the_same_interleaving_every_time() {
        for (long seed : new long[] {0, 1, 42, -7}) {
            List<String> first = run(Schedule.seeded(seed));
            for (int again = 0; again < 10; again++) {
                assertThat(run(Schedule.seeded(seed))).as("seed %d, run %d", seed, again).isEqualTo(first);
            }
        }
    }

    @Test
    void different_seeds_explore_different_interleavings() {
        Set<List<String>> orders = new HashSet<>();
        for (long seed = 0; seed < 40; seed++) {
            orders.add(run(Schedule.seeded(seed)));
        }
        // the two branches' puts interleave in C(4,2) = 6 ways
        assertThat(orders).hasSize(6);
    }

    @Test
    void an_order_dependent_bug_is_found_and_its_seed_replays_it() {
        var found = PropertyCheck.falsify(Schedule.arbitrary(), 1L, 100,
                schedule -> assertThat(run(schedule)).last().isEqualTo("read from-b"));

        assertThat(found).isPresent();
        Schedule failing = found.get().shrunk();
        for (int again = 0; again < 5; again++) {
            assertThat(run(failing)).last().isEqualTo("read from-a");
        }
    }

    @Test
    void holds_are_short_and_positive() {
        Schedule schedule = Schedule.seeded(99);
        for (int occurrence = 1; occurrence < 50; occurrence++) {
            assertThat(schedule.holdOf(new Fetch("k"), occurrence)).isPositive().isLessThanOrEqualTo(Schedule.MAX_HOLD);
        }
        assertThat(schedule.holdOf(new Fetch("k"), 1)).isEqualTo(Schedule.seeded(99).holdOf(new Fetch("k"), 1));
    }

    @Property(tries = 30)
    void every_schedule_keeps_each_branch_in_its_own_order(@ForAll("schedules") Schedule schedule) {
        List<String> order = run(schedule);
        assertThat(order.indexOf("config=from-a")).isLessThan(order.indexOf("log=a"));
        assertThat(order.indexOf("log=b")).isLessThan(order.indexOf("config=from-b"));
        assertThat(order).hasSize(5);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Schedule> schedules() {
        return Schedule.arbitrary();
    }

    @Test
    void holds_add_little_virtual_time() {
        VirtualClock clock = VirtualClock.start();
        Executor world = FakeExecutor.builder().on(Put.class, put -> null).on(Fetch.class, fetch -> "x").build();
        Runner.of(world.with(parallelize(2)).with(Schedule.seeded(5).ordering(clock))).with(options -> options.clock(clock)).run(RACY);
        assertThat(clock.elapsed()).isLessThan(Duration.ofMillis(5));
    }
}
