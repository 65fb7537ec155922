package dev.pureflow.frame;

import static dev.pureflow.frame.Notebook.say;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.ActionFailedException;
import dev.pureflow.MessageTypeException;
import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import dev.pureflow.Runner;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** Messages in and out of a running frame: requests sent through the run's handle, messages and the outcome read through it. */
class FrameMessagesTest {

    private final Notebook notebook = new Notebook();
    private final Runner runner = Runner.of(notebook.executor());

    /** Counts iterations in routine_message; the third routine pauses until the test resumes it; on_redo stops on request. */
    private final LifecycleFrame<Integer> frame = LifecycleFrame.<Integer>builder(ctx -> ctx.routineMessage()
                    .apply("count", Integer.class, n -> n + 1, 0)
                    .flatMap(n -> (n == 3 ? Program.perform(new Notebook.Note.Pause("routine " + n)) : say("routine " + n)).map(done -> n)))
            .name("counter")
            .onEnd(ctx -> ctx.eventMessage().update("last", "on_end " + ctx.routineResult().get().get()))
            .onRedo(ctx -> ctx.request().getOrDefault("stop", Boolean.class, false).map(stop -> !stop))
            .build();

    @Test
    void the_outside_sends_stop_through_the_handle_and_the_loop_ends_at_the_next_redo() throws Exception {
        RunHandle<FrameOutcome<Integer>> run = runner.start(frame.program());
        notebook.awaitPaused();

        assertThat(run.send("stop", true)).isTrue();
        notebook.resume();
        FrameOutcome<Integer> outcome = run.await();

        assertThat(notebook.lines).containsExactly("routine 1", "routine 2", "routine 3");
        assertThat(outcome.routineValue()).contains(3);
        assertThat(outcome.request().get("stop")).contains(true);
    }

    @Test
    void the_outside_reads_routine_and_event_messages_while_the_frame_runs_and_the_outcome_after() throws Exception {
        RunHandle<FrameOutcome<Integer>> run = runner.start(frame.program());
        notebook.awaitPaused();

        assertThat(frame.routineMessage(run, "count", Integer.class)).contains(3);
        assertThat(frame.eventMessage(run, "last", String.class)).contains("on_end 2");
        assertThat(run.published(frame.routineMessageKey("count"), Integer.class)).contains(3);
        assertThat(frame.outcome(run)).isEmpty();

        run.send("stop", true);
        notebook.resume();
        FrameOutcome<Integer> outcome = run.await();

        assertThat(frame.outcome(run)).contains(outcome);
        assertThat(outcome.eventMessage().get("last")).contains("on_end 3");
    }

    @Test
    void a_request_of_the_wrong_type_fails_the_read_naming_the_key_and_both_types() throws Exception {
        RunHandle<FrameOutcome<Integer>> run = runner.start(frame.program());
        notebook.awaitPaused();

        run.send("stop", "yes please");
        notebook.resume();

        Throwable error = run.awaitOutcome().getCause();
        assertThat(error).isInstanceOf(HookFailedException.class).hasMessageContaining("on_redo of frame 'counter' failed");
        assertThat(error.getCause()).isInstanceOf(ActionFailedException.class);
        assertThat(error.getCause().getCause()).isInstanceOf(MessageTypeException.class)
                .hasMessageContaining("stop").hasMessageContaining("java.lang.Boolean").hasMessageContaining("java.lang.String");
        assertThat(frame.outcome(run).get().end()).isInstanceOf(FrameEnd.Failed.class);
    }

    @Test
    void a_cancelled_frame_still_leaves_its_outcome_for_the_caller() throws Exception {
        RunHandle<FrameOutcome<Integer>> run = runner.start(frame.program());
        notebook.awaitPaused();

        run.cancel();
        notebook.resume();

        assertThat(run.awaitOutcome().getCause()).isInstanceOf(CancellationException.class);
        FrameOutcome<Integer> outcome = frame.outcome(run).get();
        assertThat(outcome.end()).isEqualTo(new FrameEnd.Cancelled());
        assertThat(outcome.routineMessage().get("count")).contains(3);
    }

    @Test
    void a_request_the_builder_set_is_the_fallback_until_the_outside_sends_one() {
        LifecycleFrame<String> frame = LifecycleFrame.<String>builder(ctx -> ctx.request().get("mode", String.class))
                .request("mode", "default")
                .build();

        assertThat(runner.run(frame.program()).routineValue()).contains("default");
    }
}
