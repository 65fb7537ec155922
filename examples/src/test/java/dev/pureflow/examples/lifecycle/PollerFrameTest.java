package dev.pureflow.examples.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.RunHandle;
import dev.pureflow.Runner;
import dev.pureflow.frame.FrameEnd;
import dev.pureflow.frame.FrameOutcome;
import dev.pureflow.frame.LifecycleFrame;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PollerFrameTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Runner runner = Runner.of(Print.printingTo(lines::add));

    @Test
    void a_stop_sent_before_the_first_redo_ends_the_loop_after_one_poll() {
        LifecycleFrame<Integer> frame = PollerFrame.poller();
        RunHandle<FrameOutcome<Integer>> run = runner.start(frame.program());
        run.send("stop", true);

        FrameOutcome<Integer> outcome = run.await();

        assertThat(outcome.routineValue()).contains(1);
        assertThat(lines).containsExactly("on_open", "  on_start", "  routine: poll #1", "  on_end", "  on_redo: stop requested",
                "on_close", "on_terminated: Completed[] after 1 polls");
    }

    @Test
    void cancelling_the_poller_runs_on_cancel_on_close_and_on_terminated_and_the_caller_still_gets_the_outcome() throws Exception {
        LifecycleFrame<Integer> frame = PollerFrame.poller();
        RunHandle<FrameOutcome<Integer>> run = runner.start(frame.program());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (frame.routineMessage(run, "polls", Integer.class).isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }

        run.cancel();

        assertThat(run.awaitOutcome().getCause()).isInstanceOf(CancellationException.class);
        assertThat(lines).endsWith("on_cancel", "on_close", lines.getLast());
        assertThat(lines.getLast()).startsWith("on_terminated: Cancelled[] after ");
        assertThat(frame.outcome(run).map(FrameOutcome::end)).contains(new FrameEnd.Cancelled());
    }
}
