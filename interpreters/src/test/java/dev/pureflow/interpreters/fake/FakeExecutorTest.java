package dev.pureflow.interpreters.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pureflow.Action;
import dev.pureflow.ActionFailedException;
import dev.pureflow.Program;
import dev.pureflow.ResultTypeException;
import dev.pureflow.Runner;
import dev.pureflow.UnhandledActionException;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class FakeExecutorTest {

    sealed interface Store<R> extends Action<R> {}

    record Get(String key) implements Store<String> {}

    record Put(String key, String value) implements Store<Void> {}

    record Count(String prefix) implements Store<Integer> {}

    record Delete(String key) implements Store<Boolean> {}

    private final VirtualClock clock = VirtualClock.start();

    private Runner runnerOf(FakeExecutor fake) {
        return Runner.of(fake).with(options -> options.clock(clock));
    }

    // ---------------------------------------------------------------------------------------------
    // Answers

    @Test
    void answers_an_action_equal_to_the_one_it_was_given() throws Exception {
        FakeExecutor fake = FakeExecutor.builder()
                .answer(new Get("colour"), "blue")
                .answer(new Get("size"), "L")
                .build();

        assertThat(fake.execute(new Get("colour"))).isEqualTo("blue");
        assertThat(runnerOf(fake).run(Program.perform(new Get("size")))).isEqualTo("L");
    }

    @Test
    void handlers_answer_every_action_of_their_class() {
        Map<String, String> stored = new ConcurrentHashMap<>();
        FakeExecutor fake = FakeExecutor.builder()
                .on(Put.class, put -> {
                    stored.put(put.key(), put.value());
                    return null;
                })
                .on(Count.class, count -> (int) stored.keySet().stream().filter(key -> key.startsWith(count.prefix())).count())
                .build();

        int counted = runnerOf(fake).run(Program.perform(new Put("user.1", "ada"))
                .andThen(Program.perform(new Put("user.2", "alan")))
                .andThen(Program.perform(new Put("group.1", "admins")))
                .andThen(Program.perform(new Count("user."))));

        assertThat(counted).isEqualTo(2);
        assertThat(stored).containsOnlyKeys("user.1", "user.2", "group.1");
    }

    @Test
    void a_fixed_answer_wins_over_the_handler_of_its_class() throws Exception {
        FakeExecutor fake = FakeExecutor.builder()
                .on(Get.class, get -> "handled " + get.key())
                .answer(new Get("special"), "fixed")
                .build();

        assertThat(fake.execute(new Get("special"))).isEqualTo("fixed");
        assertThat(fake.execute(new Get("other"))).isEqualTo("handled other");
    }

    @Test
    void a_later_answer_for_an_equal_action_replaces_the_earlier_one() throws Exception {
        FakeExecutor fake = FakeExecutor.builder()
                .answer(new Get("k"), "first")
                .answer(new Get("k"), "second")
                .build();

        assertThat(fake.execute(new Get("k"))).isEqualTo("second");
    }

    @Test
    void fail_makes_the_action_fail_with_the_given_error_every_time() {
        IOException offline = new IOException("connection reset");
        FakeExecutor fake = FakeExecutor.builder()
                .fail(new Get("orders"), offline)
                .answer(new Get("users"), "3 users")
                .build();
        Runner runner = runnerOf(fake);

        for (int run = 1; run <= 2; run++) {
            ActionFailedException failed = catchThrowableOfType(ActionFailedException.class,
                    () -> runner.run(Program.perform(new Get("users")).andThen(Program.perform(new Get("orders")))));

            assertThat(failed.action()).isEqualTo(new Get("orders"));
            assertThat(failed.getCause()).isSameAs(offline);
            assertThat(failed.before()).containsExactly(new Get("users"));
        }
    }

    @Test
    void a_failed_answer_can_be_recovered_from_by_the_flow() {
        FakeExecutor fake = FakeExecutor.builder().fail(new Get("orders"), new IOException("connection reset")).build();

        String value = runnerOf(fake).run(Program.perform(new Get("orders")).recover(error -> "fallback after " + error.getCause().getMessage()));

        assertThat(value).isEqualTo("fallback after connection reset");
    }

    // ---------------------------------------------------------------------------------------------
    // Latency and parallelism

    @Test
    void a_flow_of_three_steps_with_20ms_latency_takes_60ms_of_virtual_time() {
        FakeExecutor fake = FakeExecutor.builder()
                .on(Put.class, put -> null)
                .answer(new Get("k"), "v")
                .latency(Duration.ofMillis(20), clock)
                .build();

        String value = runnerOf(fake).run(Program.perform(new Put("k", "v"))
                .andThen(Program.perform(new Put("k2", "v2")))
                .andThen(Program.perform(new Get("k"))));

        assertThat(value).isEqualTo("v");
        assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(60));
    }

    @Test
    void latency_is_spent_even_when_the_action_fails() {
        FakeExecutor fake = FakeExecutor.builder()
                .fail(new Get("orders"), new IOException("slow and broken"))
                .latency(Duration.ofMillis(250), clock)
                .build();

        assertThatThrownBy(() -> runnerOf(fake).run(Program.perform(new Get("orders")))).isInstanceOf(ActionFailedException.class);
        assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void the_declared_parallelism_lets_parallel_steps_overlap() {
        FakeExecutor.Builder slowGets = FakeExecutor.builder()
                .on(Get.class, get -> get.key())
                .latency(Duration.ofSeconds(1), clock);
        Program<io.vavr.collection.List<String>> fourGets = Program.parTraverse(List.of("a", "b", "c", "d"), key -> Program.perform(new Get(key)));

        FakeExecutor parallel = slowGets.parallelism(4).build();
        assertThat(parallel.parallelism()).isEqualTo(4);
        assertThat(runnerOf(parallel).run(fourGets)).containsExactly("a", "b", "c", "d");
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(1));

        FakeExecutor sequential = slowGets.build();
        assertThat(sequential.parallelism()).isEqualTo(1);
        runnerOf(sequential).run(fourGets);
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(5));
    }

    // ---------------------------------------------------------------------------------------------
    // What it does not know

    @Test
    void an_unknown_action_fails_listing_everything_the_fake_knows() {
        FakeExecutor fake = FakeExecutor.builder()
                .answer(new Get("colour"), "blue")
                .fail(new Get("orders"), new IOException("offline"))
                .on(Put.class, put -> null)
                .build();

        UnhandledActionException unhandled = catchThrowableOfType(UnhandledActionException.class, () -> fake.execute(new Delete("colour")));

        assertThat(unhandled.action()).isEqualTo(new Delete("colour"));
        assertThat(unhandled).hasMessageContaining("Delete[key=colour]")
                .hasMessageContaining("the fake knows Get[key=colour], Get[key=orders], any Put");
    }

    @Test
    void an_empty_fake_says_it_knows_no_action_at_all() {
        FakeExecutor empty = FakeExecutor.builder().build();

        assertThatThrownBy(() -> empty.execute(new Get("x")))
                .isInstanceOf(UnhandledActionException.class)
                .hasMessageContaining("no action at all");
    }

    @Test
    void an_unknown_action_reaches_the_flow_as_ActionFailedException_caused_by_UnhandledActionException() {
        FakeExecutor fake = FakeExecutor.builder().answer(new Get("colour"), "blue").build();

        ActionFailedException failed = catchThrowableOfType(ActionFailedException.class,
                () -> runnerOf(fake).run(Program.perform(new Get("colour")).andThen(Program.perform(new Delete("colour")))));

        assertThat(failed.action()).isEqualTo(new Delete("colour"));
        assertThat(failed.step()).isEqualTo(2);
        assertThat(failed.getCause()).isInstanceOf(UnhandledActionException.class).hasMessageContaining("Get[key=colour]");
    }

    // ---------------------------------------------------------------------------------------------
    // FakeExecutor.of(map)

    @Test
    void a_fake_of_a_map_answers_each_key_with_its_value() {
        Map<Action<?>, Object> answers = new HashMap<>();
        answers.put(new Get("colour"), "blue");
        answers.put(new Count("user."), 2);
        answers.put(new Put("k", "v"), null);
        FakeExecutor fake = FakeExecutor.of(answers);

        var both = runnerOf(fake).run(Program.perform(new Put("k", "v"))
                .andThen(Program.zip(Program.perform(new Get("colour")), Program.perform(new Count("user.")))));

        assertThat(both._1).isEqualTo("blue");
        assertThat(both._2).isEqualTo(2);
    }

    @Test
    void a_wrong_typed_answer_in_the_map_fails_the_step_with_ResultTypeException_through_the_runner() {
        FakeExecutor fake = FakeExecutor.of(Map.of(new Count("user."), "two"));

        ActionFailedException failed = catchThrowableOfType(ActionFailedException.class,
                () -> runnerOf(fake).run(Program.perform(new Count("user."))));

        assertThat(failed.action()).isEqualTo(new Count("user."));
        assertThat(failed.getCause()).isInstanceOf(ResultTypeException.class)
                .hasMessageContaining("Count[prefix=user.]")
                .hasMessageContaining("java.lang.String (two)")
                .hasMessageContaining("java.lang.Integer");
        assertThat(((ResultTypeException) failed.getCause()).action()).isEqualTo(new Count("user."));
    }

    @Property(tries = 100)
    void a_fake_of_a_map_answers_every_key_with_its_value(
            @ForAll @Size(max = 10) Map<@AlphaChars @StringLength(max = 8) String, @AlphaChars String> entries) throws Exception {
        Map<Action<?>, Object> answers = new HashMap<>();
        entries.forEach((key, value) -> answers.put(new Get(key), value));
        FakeExecutor fake = FakeExecutor.of(answers);

        for (var entry : entries.entrySet()) {
            assertThat(fake.execute(new Get(entry.getKey()))).isEqualTo(entry.getValue());
        }
        assertThatThrownBy(() -> fake.execute(new Get("not-a-key-1"))).isInstanceOf(UnhandledActionException.class);
    }

    // ---------------------------------------------------------------------------------------------
    // Bad input

    @Test
    void the_builder_rejects_negative_latency_a_parallelism_below_one_and_missing_arguments() {
        FakeExecutor.Builder builder = FakeExecutor.builder();

        assertThatThrownBy(() -> builder.latency(Duration.ofMillis(-1), clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latency");
        assertThatThrownBy(() -> builder.parallelism(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism");
        assertThatThrownBy(() -> builder.answer(null, "x")).isInstanceOf(NullPointerException.class).hasMessage("action");
        assertThatThrownBy(() -> builder.fail(new Get("k"), null)).isInstanceOf(NullPointerException.class).hasMessage("error");
        assertThatThrownBy(() -> builder.on(Get.class, null)).isInstanceOf(NullPointerException.class).hasMessage("handler");
        assertThatThrownBy(() -> FakeExecutor.of(null)).isInstanceOf(NullPointerException.class).hasMessage("answers");
    }
}
