package dev.pureflow.frame;

import static dev.pureflow.frame.Notebook.block;
import static dev.pureflow.frame.Notebook.say;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.ActionFailedException;
import dev.pureflow.MessageTypeException;
import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import dev.pureflow.Runner;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The lifecycle of a frame: hook order, the loop, the one error handler, cancellation, the builder. */
class LifecycleFrameTest {

    private final Notebook notebook = new Notebook();
    private final Runner runner = Runner.of(notebook.executor());

    /** A frame whose every hook writes its name; the routine counts iterations in routine_message. */
    private LifecycleFrame.Builder<Integer> sayingEveryHook(int iterations) {
        return LifecycleFrame.<Integer>builder(ctx -> say("routine")
                        .andThen(ctx.routineMessage().apply("count", Integer.class, n -> n + 1, 0)))
                .onOpen(say("on_open"))
                .onStart(say("on_start"))
                .onEnd(say("on_end"))
                .onRedo(ctx -> say("on_redo").andThen(ctx.routineMessage().get("count", Integer.class)).map(n -> n < iterations))
                .onCancel(say("on_cancel"))
                .onClose(say("on_close"))
                .onTerminated(outcome -> say("on_terminated"));
    }

    @Test
    void hooks_run_in_gpframe_order_and_the_loop_goes_round_while_on_redo_says_so() {
        FrameOutcome<Integer> outcome = runner.run(sayingEveryHook(3).build().program());

        assertThat(notebook.lines).containsExactly(
                "on_open",
                "on_start", "routine", "on_end", "on_redo",
                "on_start", "routine", "on_end", "on_redo",
                "on_start", "routine", "on_end", "on_redo",
                "on_close", "on_terminated");
        assertThat(outcome.end()).isEqualTo(new FrameEnd.Completed());
        assertThat(outcome.routineValue()).contains(3);
        assertThat(outcome.routineMessage().get("count")).contains(3);
    }

    @Test
    void without_on_redo_the_routine_runs_once() {
        FrameOutcome<String> outcome = runner.run(LifecycleFrame.builder(say("routine").map(done -> "once")).build().program());

        assertThat(notebook.lines).containsExactly("routine");
        assertThat(outcome.routineValue()).contains("once");
    }

    @Test
    void on_redo_sees_this_iterations_routine_result() {
        List<Option<Try<Integer>>> seen = new CopyOnWriteArrayList<>();
        LifecycleFrame<Integer> frame = LifecycleFrame.<Integer>builder(ctx -> ctx.routineMessage().apply("n", Integer.class, n -> n + 1, 0))
                .onRedo(ctx -> {
                    seen.add(ctx.routineResult());
                    return Program.pure(ctx.routineResult().get().get() < 2);
                })
                .build();

        runner.run(frame.program());

        assertThat(seen).containsExactly(Option.some(Try.success(1)), Option.some(Try.success(2)));
    }

    @Test
    void a_consumed_routine_error_leaves_no_value_and_the_error_visible_to_on_end_and_on_redo() {
        IllegalStateException broken = new IllegalStateException("routine broke");
        List<Option<Try<String>>> seen = new CopyOnWriteArrayList<>();
        LifecycleFrame<String> frame = LifecycleFrame.<String>builder(Program.fail(broken))
                .onEnd(ctx -> {
                    seen.add(ctx.routineResult());
                    return say("on_end");
                })
                .onRedo(ctx -> {
                    seen.add(ctx.routineResult());
                    return Program.pure(false);
                })
                .onException((ctx, error) -> say("handled " + error.getMessage()).map(done -> true))
                .build();

        FrameOutcome<String> outcome = runner.run(frame.program());

        assertThat(notebook.lines).containsExactly("handled routine broke", "on_end");
        assertThat(seen).hasSize(2).allSatisfy(result -> assertThat(result.get().getCause()).isSameAs(broken));
        assertThat(outcome.routineValue()).isEmpty();
        assertThat(outcome.end()).isEqualTo(new FrameEnd.Completed());
    }

    @Test
    void an_unconsumed_routine_error_skips_the_rest_of_the_loop_and_fails_the_run_with_the_original_error() {
        RuntimeException original = new IllegalArgumentException("bad input");
        LifecycleFrame<Integer> frame = LifecycleFrame.<Integer>builder(say("routine").andThen(Program.fail(original)))
                .onOpen(say("on_open")).onStart(say("on_start")).onEnd(say("on_end")).onRedo(say("on_redo").map(x -> true))
                .onClose(say("on_close")).onTerminated(outcome -> say("on_terminated " + outcome.end().getClass().getSimpleName()))
                .build();

        Try<FrameOutcome<Integer>> tried = runner.attempt(frame.program());

        assertThat(tried.getCause()).isSameAs(original);
        assertThat(notebook.lines).containsExactly("on_open", "on_start", "routine", "on_close", "on_terminated Failed");
    }

    @Test
    void a_routine_whose_action_fails_fails_the_run_with_that_action_error_unwrapped() {
        LifecycleFrame<Void> frame = LifecycleFrame.<Void>builder(Program.perform(new Failing())).build();

        Try<FrameOutcome<Void>> tried = Runner.of(notebook.executor().orElse(dev.pureflow.Executor.of(Failing.class, failing -> {
            throw new java.io.IOException("disk full");
        }))).attempt(frame.program());

        assertThat(tried.getCause()).isInstanceOf(ActionFailedException.class).hasRootCauseMessage("disk full");
        assertThat(tried.getCause()).isNotInstanceOf(HookFailedException.class);
    }

    /** An action that its executor always fails. */
    record Failing() implements dev.pureflow.Action<Void> {}

    @Test
    void a_failing_hook_fails_the_run_with_an_error_that_names_the_hook_and_keeps_the_cause() {
        IllegalStateException cause = new IllegalStateException("no connection");
        LifecycleFrame<Integer> frame = sayingEveryHook(3).name("poller").onStart(Program.fail(cause)).build();

        Try<FrameOutcome<Integer>> tried = runner.attempt(frame.program());

        assertThat(tried.getCause()).isInstanceOf(HookFailedException.class)
                .hasMessage("on_start of frame 'poller' failed: java.lang.IllegalStateException: no connection")
                .hasCause(cause);
        assertThat(((HookFailedException) tried.getCause()).hook()).isEqualTo(Hook.ON_START);
        assertThat(notebook.lines).containsExactly("on_open", "on_close", "on_terminated");
    }

    @Test
    void a_consumed_hook_error_goes_on_with_the_next_step_as_if_nothing_failed() {
        List<Throwable> handled = new CopyOnWriteArrayList<>();
        LifecycleFrame<Integer> frame = sayingEveryHook(2)
                .onStart(say("on_start").andThen(Program.fail(new IllegalStateException("flaky"))))
                .onException((ctx, error) -> {
                    handled.add(error);
                    return Program.pure(true);
                })
                .build();

        FrameOutcome<Integer> outcome = runner.run(frame.program());

        assertThat(notebook.lines).containsExactly("on_open",
                "on_start", "routine", "on_end", "on_redo", "on_start", "routine", "on_end", "on_redo", "on_close", "on_terminated");
        assertThat(handled).hasSize(2).allSatisfy(error -> assertThat(((HookFailedException) error).hook()).isEqualTo(Hook.ON_START));
        assertThat(outcome.end()).isEqualTo(new FrameEnd.Completed());
    }

    @Test
    void an_error_inside_the_handler_is_never_handed_back_to_it_and_the_original_error_fails_the_run() {
        IllegalStateException original = new IllegalStateException("routine broke");
        IllegalArgumentException handlerBroke = new IllegalArgumentException("handler broke");
        List<Throwable> handed = new CopyOnWriteArrayList<>();
        LifecycleFrame<Integer> frame = LifecycleFrame.<Integer>builder(Program.fail(original))
                .onException((ctx, error) -> {
                    handed.add(error);
                    return Program.fail(handlerBroke);
                })
                .build();

        Try<FrameOutcome<Integer>> tried = runner.attempt(frame.program());

        assertThat(handed).containsExactly(original);
        assertThat(tried.getCause()).isSameAs(original);
        assertThat(original.getSuppressed()).containsExactly(handlerBroke);
    }

    @Test
    void on_close_and_on_terminated_run_even_when_on_close_fails() {
        AtomicReference<FrameOutcome<Integer>> terminated = new AtomicReference<>();
        IllegalStateException closeBroke = new IllegalStateException("close broke");
        LifecycleFrame<Integer> frame = sayingEveryHook(1)
                .onClose(say("on_close").andThen(Program.fail(closeBroke)))
                .onTerminated(outcome -> {
                    terminated.set(outcome);
                    return say("on_terminated");
                })
                .build();

        Try<FrameOutcome<Integer>> tried = runner.attempt(frame.program());

        assertThat(notebook.lines).endsWith("on_close", "on_terminated");
        assertThat(tried.getCause()).isInstanceOf(HookFailedException.class).hasCause(closeBroke);
        assertThat(terminated.get().end()).isInstanceOf(FrameEnd.Failed.class);
    }

    @Test
    void cancelling_the_frame_runs_on_cancel_on_close_and_on_terminated_and_the_run_reports_cancelled() throws Exception {
        AtomicReference<FrameOutcome<Integer>> terminated = new AtomicReference<>();
        LifecycleFrame<Integer> frame = sayingEveryHook(3)
                .onStart(ctx -> say("on_start").andThen(block("blocked in on_start")))
                .onTerminated(outcome -> {
                    terminated.set(outcome);
                    return say("on_terminated");
                })
                .build();
        RunHandle<FrameOutcome<Integer>> run = runner.start(frame.program());
        notebook.awaitBlocking();

        run.cancel();

        assertThat(run.awaitOutcome().getCause()).isInstanceOf(CancellationException.class);
        assertThat(run.isCancelled()).isTrue();
        assertThat(notebook.interrupted).hasValue(1);
        assertThat(notebook.lines).containsExactly("on_open", "on_start", "blocked in on_start", "on_cancel", "on_close", "on_terminated");
        assertThat(terminated.get().end()).isEqualTo(new FrameEnd.Cancelled());
    }

    @Test
    void a_failing_on_cancel_still_lets_on_close_and_on_terminated_run_and_the_run_still_reports_cancelled() throws Exception {
        IllegalStateException cancelBroke = new IllegalStateException("cancel broke");
        LifecycleFrame<Void> frame = LifecycleFrame.<Void>builder(block("routine blocks"))
                .onCancel(say("on_cancel").andThen(Program.fail(cancelBroke)))
                .onClose(say("on_close"))
                .onTerminated(outcome -> say("on_terminated " + outcome.end()))
                .build();
        RunHandle<FrameOutcome<Void>> run = runner.start(frame.program());
        notebook.awaitBlocking();

        run.cancel();

        Throwable error = run.awaitOutcome().getCause();
        assertThat(error).isInstanceOf(CancellationException.class);
        assertThat(error.getSuppressed()).hasSize(1);
        assertThat(error.getSuppressed()[0]).isInstanceOf(HookFailedException.class).hasCause(cancelBroke);
        assertThat(((HookFailedException) error.getSuppressed()[0]).hook()).isEqualTo(Hook.ON_CANCEL);
        assertThat(notebook.lines).containsExactly("routine blocks", "on_cancel", "on_close", "on_terminated Cancelled[]");
    }

    @Test
    void a_failing_on_terminated_fails_a_frame_that_otherwise_completed() {
        LifecycleFrame<Void> frame = LifecycleFrame.<Void>builder(say("routine"))
                .onTerminated(outcome -> Program.fail(new IllegalStateException("report broke")))
                .build();

        Throwable error = runner.attempt(frame.program()).getCause();

        assertThat(error).isInstanceOf(HookFailedException.class).hasMessageContaining("on_terminated").hasRootCauseMessage("report broke");
    }

    @Test
    void a_frame_that_is_not_cancelled_never_runs_on_cancel() {
        runner.run(sayingEveryHook(1).build().program());

        assertThat(notebook.lines).doesNotContain("on_cancel");
    }

    @Test
    void builder_settings_are_refused_after_build_and_a_builder_builds_once() {
        LifecycleFrame.Builder<Integer> builder = sayingEveryHook(1).name("once");
        builder.build();

        assertThatThrownBy(() -> builder.onOpen(say("late"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("frame 'once' is already built: onOpen must be set before build(), settings cannot change a built frame");
        assertThatThrownBy(() -> builder.environment("k", 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> builder.routineTimeout(java.time.Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessage("this builder already built frame 'once': a builder builds once");
    }

    @Test
    void each_run_of_a_frame_program_is_a_new_frame_with_fresh_maps() {
        LifecycleFrame<Integer> frame = sayingEveryHook(2).build();

        FrameOutcome<Integer> first = runner.run(frame.program());
        FrameOutcome<Integer> second = runner.run(frame.program());

        assertThat(first.routineMessage().get("count")).contains(2);
        assertThat(second.routineMessage().get("count")).contains(2);
    }

    @Test
    void a_view_used_after_termination_fails_with_a_clear_error() {
        AtomicReference<EventContext<Integer>> kept = new AtomicReference<>();
        AtomicReference<RoutineContext> keptRoutine = new AtomicReference<>();
        LifecycleFrame<Integer> frame = LifecycleFrame.<Integer>builder(ctx -> {
                    keptRoutine.set(ctx);
                    return Program.pure(1);
                })
                .name("gone")
                .environment("region", "eu")
                .onOpen(ctx -> {
                    kept.set(ctx);
                    return Program.pure(null);
                })
                .build();
        runner.run(frame.program());

        assertThat(runner.attempt(kept.get().environment().get("region", String.class)).getCause())
                .isInstanceOf(FrameTerminatedException.class)
                .hasMessageStartingWith("frame 'gone' has terminated: its environment map can no longer be used");
        assertThat(runner.attempt(keptRoutine.get().routineMessage().update("late", 1)).getCause()).isInstanceOf(FrameTerminatedException.class);
        assertThat(runner.attempt(kept.get().request().find("stop", Boolean.class)).getCause()).isInstanceOf(FrameTerminatedException.class);
        assertThatThrownBy(() -> kept.get().routineResult()).isInstanceOf(FrameTerminatedException.class);
    }

    @Test
    void on_terminated_gets_the_outcome_with_every_map_the_last_routine_result_and_how_the_frame_ended() {
        AtomicReference<FrameOutcome<Integer>> terminated = new AtomicReference<>();
        LifecycleFrame<Integer> frame = sayingEveryHook(2)
                .environment("region", "eu")
                .request("mode", "fast")
                .onEnd(ctx -> ctx.eventMessage().apply("ends", Integer.class, n -> n + 1, 0))
                .onTerminated(outcome -> {
                    terminated.set(outcome);
                    return Program.pure(null);
                })
                .build();

        FrameOutcome<Integer> outcome = runner.run(frame.program());

        assertThat(outcome).isSameAs(terminated.get());
        assertThat(outcome.environment().toJavaMap()).isEqualTo(java.util.Map.of("region", "eu"));
        assertThat(outcome.request().toJavaMap()).isEqualTo(java.util.Map.of("mode", "fast"));
        assertThat(outcome.eventMessage().toJavaMap()).isEqualTo(java.util.Map.of("ends", 2));
        assertThat(outcome.routineMessage().toJavaMap()).isEqualTo(java.util.Map.of("count", 2));
        assertThat(outcome.routineResult()).contains(Try.success(2));
        assertThat(outcome.end()).isEqualTo(new FrameEnd.Completed());
    }

    @Test
    void a_request_value_of_the_wrong_type_fails_the_read_with_the_mailbox_s_message_type_exception() {
        LifecycleFrame<Integer> frame = LifecycleFrame.<Integer>builder(ctx -> ctx.request().get("mode", Integer.class))
                .request("mode", "fast")
                .build();

        assertThat(runner.attempt(frame.program()).getCause()).isInstanceOf(MessageTypeException.class)
                .hasMessage("the value in the request map of frame 'frame' under key \"mode\" is a java.lang.String,"
                        + " not the java.lang.Integer it was read as");
    }

    @Test
    void a_value_of_the_wrong_type_fails_the_read_naming_the_key_the_map_and_both_types() {
        LifecycleFrame<Integer> frame = LifecycleFrame.<Integer>builder(ctx -> ctx.environment().get("retries", Integer.class))
                .environment("retries", "three")
                .build();

        Throwable error = runner.attempt(frame.program()).getCause();

        assertThat(error).isInstanceOf(MessageTypeException.class) // the error the in-process mailbox gives
                .hasMessage("the value in the environment map of frame 'frame' under key \"retries\" is a java.lang.String,"
                        + " not the java.lang.Integer it was read as");
        MessageTypeException typeError = (MessageTypeException) error;
        assertThat(List.of(typeError.key(), typeError.expected(), typeError.actual()))
                .containsExactly("retries", Integer.class, String.class);
        assertThat(typeError.getMessage()).doesNotContain("three"); // never the value
    }

    @Test
    void a_missing_key_fails_get_and_getAny_but_not_getOrDefault_or_find() {
        LifecycleFrame<List<Object>> frame = LifecycleFrame.<List<Object>>builder(ctx -> Program.sequence(List.of(
                        ctx.environment().getOrDefault("absent", Integer.class, 7).map(Object.class::cast),
                        ctx.environment().find("absent", Integer.class).map(Object.class::cast),
                        ctx.environment().get("absent", Integer.class).attempt().map(tried -> (Object) tried.getCause().getClass()),
                        ctx.environment().getAny("absent").attempt().map(tried -> (Object) tried.getCause().getMessage())))
                        .map(values -> values.toJavaList()))
                .build();

        assertThat(runner.run(frame.program()).routineValue().get())
                .containsExactly(7, Option.none(), NoSuchElementException.class, "no 'absent' in the environment map");
    }

    @Test
    void the_maps_follow_gpframes_access_rules() {
        AtomicReference<EventContext<Integer>> hook = new AtomicReference<>();
        AtomicReference<RoutineContext> routine = new AtomicReference<>();
        LifecycleFrame<Integer> frame = LifecycleFrame.<Integer>builder(ctx -> {
                    routine.set(ctx);
                    return Program.pure(1);
                })
                .onEnd(ctx -> {
                    hook.set(ctx);
                    return Program.pure(null);
                })
                .build();
        runner.run(frame.program());

        // hooks write event_message only; the routine writes routine_message only; nobody writes environment or request
        assertThat(hook.get().eventMessage()).isInstanceOf(WritableMessageMap.class);
        assertThat(hook.get().routineMessage()).isNotInstanceOf(WritableMessageMap.class);
        assertThat(hook.get().environment()).isNotInstanceOf(WritableMessageMap.class);
        assertThat(hook.get().request()).isNotInstanceOf(WritableMessageMap.class);
        assertThat(routine.get().routineMessage()).isInstanceOf(WritableMessageMap.class);
        assertThat(routine.get().eventMessage()).isNotInstanceOf(WritableMessageMap.class);
        assertThat(routine.get().environment()).isNotInstanceOf(WritableMessageMap.class);
        assertThat(routine.get().request()).isNotInstanceOf(WritableMessageMap.class);
        assertThat(List.of(hook.get().environment().name(), hook.get().request().name(), hook.get().eventMessage().name(),
                hook.get().routineMessage().name())).containsExactly("environment", "request", "event_message", "routine_message");
    }

    @Test
    void apply_checks_the_type_of_the_stored_value_and_of_the_default_and_changes_nothing_when_it_fails() {
        AtomicReference<WritableMessageMap> kept = new AtomicReference<>();
        LifecycleFrame<String> frame = LifecycleFrame.<String>builder(ctx -> {
            WritableMessageMap map = ctx.routineMessage();
            kept.set(map);
            return map.update("text", "abc")
                    .andThen(map.apply("text", Integer.class, n -> n + 1).attempt())
                    .flatMap(stored -> applyWithRawDefault(map, "fresh", Integer.class, "not a number").attempt()
                            .flatMap(fallback -> map.find("fresh", Object.class).flatMap(fresh -> map.get("text", String.class)
                                    .map(text -> stored.getCause().getClass().getSimpleName() + " "
                                            + fallback.getCause().getClass().getSimpleName() + " " + fresh + " " + text))));
        }).build();

        assertThat(runner.run(frame.program()).routineValue()).contains("MessageTypeException MessageTypeException None abc");
    }

    /** apply with a default that is not of the type: what erased generics let through at run time. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Program<Object> applyWithRawDefault(WritableMessageMap map, String key, Class type, Object fallback) {
        return map.apply(key, type, value -> value, fallback);
    }

    @Test
    void string_conversions_read_map_values_with_pythons_rules() {
        LifecycleFrame<List<Object>> frame = LifecycleFrame.<List<Object>>builder(ctx -> Program.sequence(List.<Program<Object>>of(
                        ctx.environment().stringToInt("hex").map(Object.class::cast),
                        ctx.environment().stringToFloat("ratio").map(Object.class::cast),
                        ctx.environment().stringToBool("flag", java.util.Set.of("on"), java.util.Set.of("off")).map(Object.class::cast),
                        ctx.environment().stringToInt("octalish").attempt().map(tried -> (Object) tried.getCause().getClass())))
                        .map(values -> values.toJavaList()))
                .environment("hex", " 0x_1f ")
                .environment("ratio", "1_000.5")
                .environment("flag", "off")
                .environment("octalish", "010")
                .build();

        assertThat(runner.run(frame.program()).routineValue().get())
                .containsExactly(java.math.BigInteger.valueOf(31), 1000.5, false, NumberFormatException.class);
    }
}
