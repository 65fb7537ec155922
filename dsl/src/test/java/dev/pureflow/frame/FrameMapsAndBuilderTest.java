package dev.pureflow.frame;

import static dev.pureflow.frame.Notebook.say;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import dev.pureflow.Runner;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What mutation testing showed no frame test pinned down (issue 15): the writable maps' results,
 * waiting for a request, the keys a frame publishes under, errors that name their frame, every
 * builder setting refused after build, and how views print.
 */
class FrameMapsAndBuilderTest {

    private final Notebook notebook = new Notebook();
    private final Runner runner = Runner.of(notebook.executor());

    @Test
    void the_default_error_handler_consumes_nothing_and_adds_no_error_of_its_own() {
        IllegalStateException original = new IllegalStateException("routine broke");
        LifecycleFrame<Integer> frame = LifecycleFrame.<Integer>builder(Program.fail(original)).build();

        Try<FrameOutcome<Integer>> tried = runner.attempt(frame.program());

        assertThat(tried.getCause()).isSameAs(original);
        assertThat(original.getSuppressed()).isEmpty();
    }

    @Test
    void a_hook_failure_and_the_hooks_context_name_their_frame() {
        AtomicReference<String> seen = new AtomicReference<>();
        LifecycleFrame<Void> frame = LifecycleFrame.<Void>builder(say("routine"))
                .name("poller")
                .onEnd(ctx -> {
                    seen.set(ctx.frameName());
                    return Program.fail(new IllegalStateException("no connection"));
                })
                .build();

        Throwable error = runner.attempt(frame.program()).getCause();

        assertThat(error).isInstanceOf(HookFailedException.class);
        assertThat(((HookFailedException) error).frameName()).isEqualTo("poller");
        assertThat(seen.get()).isEqualTo("poller");
    }

    @Test
    void when_on_close_and_on_terminated_both_fail_the_run_fails_with_the_first_and_the_second_suppressed_in_it() {
        IllegalStateException closeBroke = new IllegalStateException("close broke");
        IllegalStateException reportBroke = new IllegalStateException("report broke");
        LifecycleFrame<Void> frame = LifecycleFrame.<Void>builder(say("routine"))
                .onClose(Program.fail(closeBroke))
                .onTerminated(outcome -> Program.fail(reportBroke))
                .build();

        Throwable error = runner.attempt(frame.program()).getCause();

        assertThat(error).isInstanceOf(HookFailedException.class).hasCause(closeBroke);
        assertThat(((HookFailedException) error).hook()).isEqualTo(Hook.ON_CLOSE);
        assertThat(error.getSuppressed()).hasSize(1);
        assertThat(error.getSuppressed()[0]).isInstanceOf(HookFailedException.class).hasCause(reportBroke);
        assertThat(((HookFailedException) error.getSuppressed()[0]).hook()).isEqualTo(Hook.ON_TERMINATED);
    }

    @Test
    void a_frame_publishes_its_messages_and_outcome_under_keys_prefixed_with_its_name() {
        LifecycleFrame<Integer> frame = LifecycleFrame.<Integer>builder(ctx -> ctx.routineMessage().update("count", 1))
                .name("poller")
                .onEnd(ctx -> ctx.eventMessage().update("last", "ended"))
                .build();

        RunHandle<FrameOutcome<Integer>> run = runner.start(frame.program());
        FrameOutcome<Integer> outcome = run.await();

        assertThat(List.of(frame.routineMessageKey("count"), frame.eventMessageKey("last"), frame.outcomeKey()))
                .containsExactly("poller/routine_message/count", "poller/event_message/last", "poller/outcome");
        assertThat(run.published().keySet().toJavaSet())
                .containsExactlyInAnyOrder("poller/routine_message/count", "poller/event_message/last", "poller/outcome");
        assertThat(run.published("poller/event_message/last", String.class)).contains("ended");
        assertThat(run.published("poller/outcome", FrameOutcome.class)).contains(outcome);
    }

    @Test
    void update_yields_the_value_written_and_remove_yields_the_value_removed() {
        LifecycleFrame<List<Object>> frame = LifecycleFrame.<List<Object>>builder(ctx -> {
            WritableMessageMap map = ctx.routineMessage();
            return Program.sequence(List.<Program<Object>>of(
                            map.update("n", 5).map(Object.class::cast),
                            map.remove("n").map(Object.class::cast),
                            map.find("n", Integer.class).map(Object.class::cast),
                            map.remove("n").map(Object.class::cast)))
                    .map(values -> values.toJavaList());
        }).build();

        FrameOutcome<List<Object>> outcome = runner.run(frame.program());

        assertThat(outcome.routineValue().get()).containsExactly(5, Option.some(5), Option.none(), Option.none());
        assertThat(outcome.routineMessage().isEmpty()).isTrue();
    }

    @Test
    void apply_without_a_default_to_a_missing_key_fails_naming_the_key_and_the_map() {
        LifecycleFrame<Integer> frame = LifecycleFrame.<Integer>builder(ctx -> ctx.routineMessage().apply("count", Integer.class, n -> n + 1))
                .build();

        assertThat(runner.attempt(frame.program()).getCause()).isInstanceOf(NoSuchElementException.class)
                .hasMessage("no 'count' in the routine_message map to apply a function to, and no default");
    }

    @Test
    void string_to_bool_without_sets_is_true_for_any_non_empty_text_and_with_sets_by_membership() {
        LifecycleFrame<List<Boolean>> frame = LifecycleFrame.<List<Boolean>>builder(ctx -> Program.sequence(List.of(
                        ctx.environment().stringToBool("word"),
                        ctx.environment().stringToBool("empty"),
                        ctx.environment().stringToBool("word", Set.of("on"), Set.of("off")),
                        ctx.environment().stringToBool("off", Set.of("on"), Set.of("off"))))
                        .map(values -> values.toJavaList()))
                .environment("word", "on")
                .environment("empty", "")
                .environment("off", "off")
                .build();

        assertThat(runner.run(frame.program()).routineValue().get()).containsExactly(true, false, true, false);
    }

    @Test
    void awaiting_a_request_yields_what_the_outside_sends_and_the_outcome_remembers_it() {
        LifecycleFrame<Integer> frame = LifecycleFrame.<Integer>builder(ctx -> ctx.awaitRequest("go", Integer.class, Duration.ofHours(1))
                        .map(Option::get))
                .build();

        RunHandle<FrameOutcome<Integer>> run = runner.start(frame.program());
        run.send("go", 7); // before or during the wait: either way the wait yields it
        FrameOutcome<Integer> outcome = run.await();

        assertThat(outcome.routineValue()).contains(7);
        assertThat(outcome.request().get("go")).contains(7);
    }

    @Test
    void awaiting_a_request_never_sent_ends_empty_at_its_timeout_without_falling_back_to_the_builders_request() {
        LifecycleFrame<Option<Integer>> frame = LifecycleFrame.<Option<Integer>>builder(ctx -> ctx.awaitRequest("go", Integer.class, Duration.ZERO))
                .request("go", 1)
                .build();

        assertThat(runner.run(frame.program()).routineValue()).contains(Option.none());
    }

    @Test
    void environment_from_a_map_puts_every_entry_in_it() {
        LifecycleFrame<Void> frame = LifecycleFrame.<Void>builder(Program.<Void>pure(null))
                .environment(Map.of("region", "eu", "retries", 3))
                .build();

        assertThat(runner.run(frame.program()).environment().toJavaMap()).isEqualTo(Map.of("region", "eu", "retries", 3));
    }

    @Test
    void on_redo_given_as_a_program_decides_whether_the_loop_goes_round() {
        LifecycleFrame<Void> frame = LifecycleFrame.<Void>builder(say("routine"))
                .onRedo(say("on_redo").map(done -> false))
                .build();

        runner.run(frame.program());

        assertThat(notebook.lines).containsExactly("routine", "on_redo");
    }

    @Test
    void every_setting_is_refused_after_build() {
        LifecycleFrame.Builder<Void> builder = LifecycleFrame.<Void>builder(say("routine")).name("done");
        builder.build();

        List<Runnable> settings = List.of(
                () -> builder.name("again"),
                () -> builder.environment("k", 1),
                () -> builder.environment(Map.of()), // refused even when it would add nothing
                () -> builder.request("k", 1),
                () -> builder.onStart(say("late")),
                () -> builder.onEnd(say("late")),
                () -> builder.onRedo(Program.pure(false)),
                () -> builder.onCancel(say("late")),
                () -> builder.onClose(say("late")),
                () -> builder.onTerminated(outcome -> say("late")),
                () -> builder.onException(ErrorHandler.consumeNothing()));
        for (Runnable setting : settings) {
            assertThatThrownBy(setting::run).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("frame 'done' is already built");
        }
    }

    @Test
    void a_frame_its_contexts_and_its_maps_print_which_frame_and_map_they_are() {
        AtomicReference<EventContext<Void>> hook = new AtomicReference<>();
        AtomicReference<RoutineContext> routine = new AtomicReference<>();
        LifecycleFrame<Void> frame = LifecycleFrame.<Void>builder(ctx -> {
                    routine.set(ctx);
                    return Program.<Void>pure(null);
                })
                .name("poller")
                .onEnd(ctx -> {
                    hook.set(ctx);
                    return Program.pure(null);
                })
                .build();
        runner.run(frame.program());

        assertThat(List.of(frame.toString(), hook.get().toString(), routine.get().toString(),
                        hook.get().eventMessage().toString(), hook.get().routineMessage().toString(), hook.get().request().toString()))
                .containsExactly("LifecycleFrame[poller]", "EventContext[frame 'poller']", "RoutineContext[frame 'poller']",
                        "event_message map of frame 'poller'", "routine_message map of frame 'poller' (read-only)",
                        "request map of frame 'poller'");
    }
}
