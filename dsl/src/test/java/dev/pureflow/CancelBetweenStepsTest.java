package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A cancelled run performs no further step, even when the step that was running when the cancel
 * came ignores its interrupt and answers: the runner looks for the cancel before each step, not
 * only through the executor's interrupt (mutation testing found that check unpinned, since every
 * other test's actions throw when interrupted).
 */
class CancelBetweenStepsTest {

    private static final Duration HANG_DETECTOR = Duration.ofSeconds(60);

    @Test
    void a_step_that_ignores_the_cancel_and_answers_is_the_last_one_the_run_performs() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Action<?>> performed = new CopyOnWriteArrayList<>();
        Executor stubborn = action -> {
            performed.add(action);
            if (action.equals(new Cmd.Get(1))) {
                firstStarted.countDown();
                awaitIgnoringInterrupts(release); // answers anyway once released
            }
            return ((Cmd.Get) action).n();
        };
        Program<Integer> flow = Program.perform(new Cmd.Get(1)).flatMap(one -> Program.perform(new Cmd.Get(2)));

        RunHandle<Integer> handle = Runner.of(stubborn).start(flow);
        assertThat(firstStarted.await(HANG_DETECTOR.toSeconds(), TimeUnit.SECONDS)).isTrue();
        handle.cancel();
        release.countDown();

        assertThatThrownBy(() -> handle.await(HANG_DETECTOR)).isInstanceOf(CancellationException.class);
        assertThat(performed).containsExactly(new Cmd.Get(1));
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException ignored) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
