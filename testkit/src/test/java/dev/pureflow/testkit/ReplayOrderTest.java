package dev.pureflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Action;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import io.vavr.control.Try;
import dev.pureflow.testkit.Ops.Fetch;
import dev.pureflow.testkit.Ops.Put;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replay plays steps in step-number order and names the step it is at (issue 15: the Replay survivors). */
class ReplayOrderTest {

    @TempDir
    Path dir;

    record Ping(String host) implements Action<String> {}

    record Pong(String host) implements Action<String> {}

    private static RecordedStep step(long number, Action<?> action, Object result) {
        return new RecordedStep(number, action, Try.success(result), Duration.ofMillis(number));
    }

    private static final Program<String> FETCH_TWICE = Program.perform(new Fetch("a"))
            .flatMap(first -> Program.perform(new Fetch("b")).map(second -> first + second));

    @Test
    void steps_given_out_of_order_replay_in_step_number_order() {
        try (Replay replay = Replay.of(List.of(step(2, new Fetch("b"), "B"), step(1, new Fetch("a"), "A")))) {
            assertThat(Runner.of(replay).run(FETCH_TWICE)).isEqualTo("AB");
            assertThat(replay.replayed()).isEqualTo(2);
            assertThat(replay).hasToString("Replay[2 of 2 steps]");
        }
    }

    @Test
    void a_recording_whose_lines_are_out_of_order_replays_in_step_number_order() throws IOException {
        Path file = dir.resolve("run.jsonl");
        List<String> lines = new ArrayList<>();
        for (RecordedStep step : List.of(step(1, new Fetch("a"), "A"), step(2, new Fetch("b"), "B"))) {
            lines.add(StepCodec.INSTANCE.encode(step, dev.pureflow.Redaction.DEFAULT));
        }
        Collections.reverse(lines);
        Files.write(file, lines);

        assertThat(Replay.read(file)).extracting(RecordedStep::number).containsExactly(1L, 2L);
        try (Replay replay = Replay.from(file)) {
            assertThat(Runner.of(replay).run(FETCH_TWICE)).isEqualTo("AB");
        }
    }

    @Test
    void an_unreadable_line_is_reported_by_its_line_number() throws IOException {
        Path file = dir.resolve("broken.jsonl");
        Files.write(file, List.of(StepCodec.INSTANCE.encode(step(1, new Fetch("a"), "A"), dev.pureflow.Redaction.DEFAULT),
                "{not json"));

        assertThatThrownBy(() -> Replay.from(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line 2 of the recording cannot be read: ");
    }

    @Test
    void an_action_of_another_type_with_the_same_fields_is_a_divergence() {
        Replay replay = Replay.of(List.of(step(1, new Ping("h"), "pong")));
        assertThat(Runner.of(replay).attempt(Program.perform(new Pong("h"))).isFailure()).isTrue();
        assertThatThrownBy(replay::verify).isInstanceOf(ReplayDivergedException.class)
                .hasMessage("replay diverged at step 1:\n  recorded: Ping[host=h]\n  actual:   Pong[host=h]");
    }

    @Test
    void in_any_order_a_later_step_may_match_first() {
        try (Replay replay = Replay.of(List.of(step(1, new Fetch("a"), "A"), step(2, new Fetch("b"), "B"))).inAnyOrder()) {
            Program<String> reversed = Program.perform(new Fetch("b"))
                    .flatMap(first -> Program.perform(new Fetch("a")).map(second -> first + second));
            assertThat(Runner.of(replay).run(reversed)).isEqualTo("BA");
        }
    }

    @Test
    void in_any_order_an_action_takes_the_earliest_unused_equal_step() {
        try (Replay replay = Replay.of(List.of(step(1, new Fetch("a"), "A1"), step(2, new Fetch("a"), "A2"))).inAnyOrder()) {
            Program<String> twice = Program.perform(new Fetch("a"))
                    .flatMap(first -> Program.perform(new Fetch("a")).map(second -> first + second));
            assertThat(Runner.of(replay).run(twice)).isEqualTo("A1A2");
        }
    }

    @Test
    void in_order_a_later_step_does_not_match_before_the_next_one() {
        Replay replay = Replay.of(List.of(step(1, new Fetch("a"), "A"), step(2, new Fetch("b"), "B")));
        assertThat(Runner.of(replay).attempt(Program.perform(new Fetch("b"))).isFailure()).isTrue();
        assertThatThrownBy(replay::verify)
                .hasMessage("replay diverged at step 1:\n  recorded: Fetch[key=a]\n  actual:   Fetch[key=b]");
    }

    @Test
    void in_any_order_an_action_no_step_recorded_is_a_divergence_naming_the_next_unused_step() {
        Replay replay = Replay.of(List.of(step(1, new Fetch("a"), "A"), step(2, new Fetch("b"), "B"))).inAnyOrder();
        Program<String> flow = Program.perform(new Fetch("b")).flatMap(b -> Program.perform(new Put("x", "y")).map(v -> b));
        assertThat(Runner.of(replay).attempt(flow).isFailure()).isTrue();
        assertThatThrownBy(replay::verify).isInstanceOfSatisfying(ReplayDivergedException.class,
                        diverged -> assertThat(diverged.step()).isEqualTo(2))
                .hasMessage("replay diverged at step 2:\n  recorded: Fetch[key=a]\n  actual:   Put[key=x, value=y]");
    }

    @Test
    void a_flow_that_ends_early_is_a_divergence_at_the_first_step_not_performed() {
        Replay replay = Replay.of(List.of(step(1, new Fetch("a"), "A"), step(2, new Fetch("b"), "B")));
        Runner.of(replay).run(Program.perform(new Fetch("a")));
        assertThat(replay).hasToString("Replay[1 of 2 steps]");
        assertThatThrownBy(replay::verify).isInstanceOfSatisfying(ReplayDivergedException.class, diverged -> {
            assertThat(diverged.step()).isEqualTo(2);
            assertThat(diverged.recorded()).contains(new Fetch("b"));
            assertThat(diverged.actual()).isEmpty();
        }).hasMessage("replay diverged at step 2: the flow ended after 1 of 2 recorded steps; the next was\n  Fetch[key=b]");
    }
}
