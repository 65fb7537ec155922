package dev.pureflow;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.List;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Step keys: a branch path plus an ordinal within it, the same whatever the scheduling. */
class StepKeyTest {

    private final World world = new World();
    private final Map<Action<?>, StepKey> keys = new ConcurrentHashMap<>();
    private final StepListener keyOfEachAction = StepListener.onStarted(step -> keys.put(step.action(), step.key()));

    private Map<Action<?>, StepKey> keysOf(Program<?> flow, int parallelism) {
        keys.clear();
        Runner.of(world.executor().with(parallelize(parallelism))).with(options -> options.listener(keyOfEachAction)).run(flow);
        return Map.copyOf(keys);
    }

    @Test
    void a_key_prints_as_path_hash_ordinal_and_parses_back() {
        StepKey key = new StepKey("main/2/0", 3);

        assertThat(key).hasToString("main/2/0#3");
        assertThat(StepKey.parse("main/2/0#3")).isEqualTo(key);
        assertThat(StepKey.parse("main#0")).isEqualTo(new StepKey(StepKey.MAIN, 0));
    }

    @Test
    void an_ordinal_written_with_any_of_the_ten_digits_parses_back() {
        assertThat(StepKey.parse("main/1/0#1234567890")).isEqualTo(new StepKey("main/1/0", 1_234_567_890));
        assertThat(StepKey.parse("main#9")).isEqualTo(new StepKey(StepKey.MAIN, 9));
    }

    @Test
    void parse_rejects_text_that_is_not_a_key() {
        for (String notAKey : java.util.List.of("main", "#3", "main#", "main#x", "main#-1", "main#+1", "main#99999999999", "")) {
            assertThatThrownBy(() -> StepKey.parse(notAKey)).as(notAKey)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("\"" + notAKey + "\"");
        }
    }

    @Test
    void a_key_needs_a_path_without_hash_and_an_ordinal_of_at_least_zero() {
        assertThatThrownBy(() -> new StepKey("main", -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> new StepKey("ma#in", 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ma#in");
        assertThatThrownBy(() -> new StepKey("", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StepKey(null, 0)).isInstanceOf(NullPointerException.class).hasMessage("path");
    }

    @Test
    void actions_and_parallel_blocks_take_the_next_ordinal_of_their_path_and_branches_are_named_after_their_block() {
        Program<Integer> flow = Program.perform(new Cmd.Get(0))                                     // main#0
                .andThen(Program.parallel(Program.perform(new Cmd.Get(10)),                          // block main#1
                        Program.perform(new Cmd.Get(11)).andThen(Program.perform(new Cmd.Get(12)))))
                .andThen(Program.perform(new Cmd.Get(2)));                                           // main#2

        for (int parallelism : new int[] {1, 2}) {
            assertThat(keysOf(flow, parallelism)).as("parallelism %d", parallelism).isEqualTo(Map.of(
                    new Cmd.Get(0), StepKey.parse("main#0"),
                    new Cmd.Get(10), StepKey.parse("main/1/0#0"),
                    new Cmd.Get(11), StepKey.parse("main/1/1#0"),
                    new Cmd.Get(12), StepKey.parse("main/1/1#1"),
                    new Cmd.Get(2), StepKey.parse("main#2")));
        }
    }

    @Test
    void consecutive_parallel_blocks_in_one_branch_never_share_a_branch_path() {
        Program<List<Integer>> first = Program.parallel(Program.perform(new Cmd.Get(1)), Program.perform(new Cmd.Get(2)));
        Program<List<Integer>> second = Program.parallel(Program.perform(new Cmd.Get(3)), Program.perform(new Cmd.Get(4)));

        for (int parallelism : new int[] {1, 2}) {
            Map<Action<?>, StepKey> seen = keysOf(first.andThen(second), parallelism);

            assertThat(seen.get(new Cmd.Get(1))).hasToString("main/0/0#0");
            assertThat(seen.get(new Cmd.Get(3))).hasToString("main/1/0#0");
            assertThat(seen.values()).doesNotHaveDuplicates();
        }
    }

    @Test
    void built_in_actions_take_ordinals_like_any_other_action() {
        Program<Integer> flow = Program.publish("phase", "start")
                .andThen(Program.now())
                .andThen(Program.perform(new Cmd.Get(7)));

        assertThat(keysOf(flow, 1)).isEqualTo(Map.of(
                new BuiltIn.Publish("phase", "start"), StepKey.parse("main#0"),
                new BuiltIn.Now(), StepKey.parse("main#1"),
                new Cmd.Get(7), StepKey.parse("main#2")));
    }

    @Test
    void steps_of_a_direct_body_take_ordinals_in_the_path_where_the_body_runs() {
        Program<Integer> flow = Program.perform(new Cmd.Get(0)).flatMap(zero -> Program.direct(flow1 -> {
            int one = flow1.perform(new Cmd.Get(1));                                                  // main#1
            List<Integer> both = flow1.parallel(List.of(Program.perform(new Cmd.Get(20)),           // block main#2
                    Program.direct(inner -> inner.perform(new Cmd.Get(21)) + inner.run(Program.perform(new Cmd.Get(22))))));
            return one + both.sum().intValue() + flow1.run(Program.perform(new Cmd.Get(3)));         // main#3
        }));

        for (int parallelism : new int[] {1, 2}) {
            assertThat(keysOf(flow, parallelism)).as("parallelism %d", parallelism).isEqualTo(Map.of(
                    new Cmd.Get(0), StepKey.parse("main#0"),
                    new Cmd.Get(1), StepKey.parse("main#1"),
                    new Cmd.Get(20), StepKey.parse("main/2/0#0"),
                    new Cmd.Get(21), StepKey.parse("main/2/1#0"),
                    new Cmd.Get(22), StepKey.parse("main/2/1#1"),
                    new Cmd.Get(3), StepKey.parse("main#3")));
        }
    }

    @Test
    void after_a_failed_and_recovered_block_the_parent_path_goes_on_from_the_next_ordinal() {
        Program<Integer> flow = Program.parallel(
                        Program.perform(new Cmd.Get(1)),
                        Program.perform(new Cmd.Get(2)).andThen(Program.perform(new Cmd.Fails("no"))))
                .map(List::size)
                .recoverWith(failed -> Program.perform(new Cmd.Get(9)));

        for (int parallelism : new int[] {1, 2}) {
            assertThat(keysOf(flow, parallelism)).as("parallelism %d", parallelism)
                    .containsEntry(new Cmd.Fails("no"), StepKey.parse("main/0/1#1"))
                    .containsEntry(new Cmd.Get(9), StepKey.parse("main#1"));
        }
    }

    @Test
    void the_error_of_a_failed_step_carries_its_key() {
        Program<Integer> flow = Program.perform(new Cmd.Get(0))
                .andThen(Program.sleep(Duration.ZERO))
                .andThen(Program.perform(new Cmd.Fails("third")));

        ActionFailedException failed = (ActionFailedException) Runner.of(world.executor()).attempt(flow).getCause();

        assertThat(failed.key()).isEqualTo(new StepKey("main", 2));
        assertThat(failed.branch()).isEqualTo("main");
        assertThat(failed.step()).isEqualTo(3);
    }
}
