package dev.pureflow.frame;

import static dev.pureflow.frame.Notebook.block;
import static dev.pureflow.frame.Notebook.say;
import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import dev.pureflow.Runner;
import io.vavr.control.Try;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The five bugs of gpframe 0.0.13 that pureflow must not port: one test each shows it does not. */
class GpframeBugsTest {

    private final Notebook notebook = new Notebook();
    private final Runner runner = Runner.of(notebook.executor());

    @Test
    void an_unconsumed_routine_error_surfaces_as_itself_not_as_an_unrelated_error() {
        UnsupportedOperationException original = new UnsupportedOperationException("the routine's own error");
        LifecycleFrame<Integer> frame = LifecycleFrame.<Integer>builder(Program.fail(original)).build();

        Try<FrameOutcome<Integer>> tried = runner.attempt(frame.program());

        assertThat(tried.getCause()).isSameAs(original); // gpframe 0.0.13: an unrelated RuntimeError
    }

    @Test
    void a_consumed_routine_timeout_lets_the_frame_go_on_and_cancels_the_routines_work() {
        List<Throwable> handled = new CopyOnWriteArrayList<>();
        LifecycleFrame<Void> frame = LifecycleFrame.<Void>builder(block("routine blocks"))
                .routineTimeout(Duration.ofMillis(200))
                .onEnd(ctx -> say("on_end sees " + ctx.routineResult().get().getCause().getClass().getSimpleName()))
                .onClose(say("on_close"))
                .onException((ctx, error) -> {
                    handled.add(error);
                    return Program.pure(true);
                })
                .build();

        FrameOutcome<Void> outcome = Runner.of(notebook.executor().with(parallelize(2))).run(frame.program());

        // gpframe 0.0.13: the frame crashes, and the routine's work goes on running
        assertThat(handled).singleElement().isInstanceOf(RoutineTimeoutException.class);
        assertThat(notebook.interrupted).as("the routine's blocked action was interrupted").hasValue(1);
        assertThat(notebook.lines).containsExactly("routine blocks", "on_end sees RoutineTimeoutException", "on_close");
        assertThat(outcome.end()).isEqualTo(new FrameEnd.Completed());
    }

    @Test
    void a_consumed_on_redo_error_ends_the_loop_instead_of_reusing_the_previous_decision() {
        AtomicInteger redos = new AtomicInteger();
        LifecycleFrame<Void> frame = LifecycleFrame.<Void>builder(say("routine"))
                // the first decision is "again"; the second on_redo fails: reusing "again" would loop forever
                .onRedo(ctx -> redos.incrementAndGet() == 1 ? Program.pure(true) : Program.fail(new IllegalStateException("redo broke")))
                .onException((ctx, error) -> Program.pure(true))
                .build();

        FrameOutcome<Void> outcome = runner.run(frame.program());

        assertThat(notebook.lines).containsExactly("routine", "routine");
        assertThat(redos).hasValue(2);
        assertThat(outcome.end()).isEqualTo(new FrameEnd.Completed());
    }

    @Test
    void a_failing_on_close_does_not_skip_on_terminated() {
        LifecycleFrame<Void> frame = LifecycleFrame.<Void>builder(say("routine"))
                .onClose(say("on_close").andThen(Program.fail(new IllegalStateException("close broke"))))
                .onTerminated(outcome -> say("on_terminated"))
                .build();

        Try<FrameOutcome<Void>> tried = runner.attempt(frame.program());

        assertThat(notebook.lines).containsExactly("routine", "on_close", "on_terminated"); // gpframe 0.0.13: no on_terminated
        assertThat(tried.getCause()).isInstanceOf(HookFailedException.class).hasMessageContaining("on_close");
    }

    @Test
    void on_cancel_cannot_swallow_the_cancellation() throws Exception {
        LifecycleFrame<Void> frame = LifecycleFrame.<Void>builder(block("routine blocks"))
                // an on_cancel that succeeds, and a handler that consumes everything: still no way to swallow it
                .onCancel(say("on_cancel").map(done -> "all is well"))
                .onException((ctx, error) -> Program.pure(true))
                .onTerminated(outcome -> say("on_terminated " + outcome.end()))
                .build();
        RunHandle<FrameOutcome<Void>> run = runner.start(frame.program());
        notebook.awaitBlocking();

        run.cancel();

        assertThat(run.awaitOutcome().getCause()).isInstanceOf(CancellationException.class); // gpframe 0.0.13: swallowed
        assertThat(notebook.lines).containsExactly("routine blocks", "on_cancel", "on_terminated Cancelled[]");
    }
}
