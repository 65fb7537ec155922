package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Try;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A listened run whose step answers its cancellation with an InterruptedException, as blocking calls do. */
@Timeout(120) // a hang detector: before the fix the handle never completed
class ListenedCancellationTest {

    @Test
    void a_cancelled_listened_run_ends_and_tells_the_listener_its_step_was_cancelled() throws Exception {
        CountDownLatch inStep = new CountDownLatch(1);
        AtomicReference<Try<Object>> told = new AtomicReference<>();
        Executor blocking = Executor.of(Cmd.class, action -> {
            inStep.countDown();
            new CountDownLatch(1).await(); // throws InterruptedException when the run is cancelled
            return "never";
        });
        Runner runner = Runner.of(blocking).with(options -> options.listener(StepListener.onFinished((step, outcome, took) -> told.set(outcome))));

        RunHandle<String> handle = runner.start(Program.perform(new Cmd.Echo("x")));
        assertThat(inStep.await(60, TimeUnit.SECONDS)).isTrue();
        handle.cancel();

        assertThat(handle.awaitOutcome().getCause()).isInstanceOf(CancellationException.class);
        assertThat(told.get().getCause()).isInstanceOf(CancellationException.class);
        assertThat(handle.isDone()).isTrue();
    }
}
