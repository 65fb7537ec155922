package dev.pureflow.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.FlowTimeoutException;
import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import dev.pureflow.Runner;
import dev.pureflow.Step;
import dev.pureflow.StepListener;
import dev.pureflow.examples.greeting.Cmd.Greet;
import dev.pureflow.examples.greeting.GreetingExecutor;
import dev.pureflow.examples.greeting.GreetingFlows;
import io.vavr.control.Try;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's "The runner" section. */
class RunnerReadmeTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Executor executor = GreetingExecutor.printingTo(lines::add);
    private final Program<Integer> greetAll = GreetingFlows.greetAll();
    private final Stuck hangingStore = new Stuck(lines::add);
    private final Executor stuck = hangingStore.executor;
    private final CountDownLatch fetchStarted = hangingStore.fetchStarted;

    @Test
    @Timeout(120)
    void a_runner_runs_attempts_and_starts_programs_and_tells_a_listener_every_step() throws Exception {
        // README: runner
        List<Action<?>> performed = new CopyOnWriteArrayList<>();
        Runner runner = Runner.of(executor).with(options -> options
                .timeout(Duration.ofMinutes(1)) // a deadline for each run
                .listener(new StepListener() { // told about every step of every run
                    @Override
                    public void started(Step step) {
                        performed.add(step.action());
                    }
                }));

        int greeted = runner.run(greetAll); // blocks until the value is there
        Try<Integer> outcome = runner.attempt(greetAll); // the value or the error, as a value
        RunHandle<Integer> handle = runner.start(greetAll); // runs on its own virtual thread
        CompletableFuture<Try<Integer>> ended = new CompletableFuture<>();
        handle.onComplete(ended::complete); // called once, when the run ends

        assertThat(greeted).isEqualTo(3);
        assertThat(outcome).isEqualTo(Try.success(3));
        assertThat(handle.await(Duration.ofSeconds(5))).isEqualTo(3);
        assertThat(performed).hasSize(12); // a Fetch and three Greets, three times
        // END README
        assertThat(ended.get(5, TimeUnit.SECONDS)).isEqualTo(Try.success(3));
    }

    @Test
    @Timeout(120)
    void cancelling_a_run_interrupts_the_action_in_flight_and_runs_finalizers() throws Exception {
        CompletableFuture<Try<Integer>> ended = new CompletableFuture<>();
        // README: runner-cancel
        Program<Integer> politely = greetAll.ensuring(Program.perform(new Greet("finalizer")));
        RunHandle<Integer> handle = Runner.of(stuck).start(politely);
        fetchStarted.await(); // the Fetch is in flight and will never answer

        handle.cancel(); // interrupts it, then runs the finalizer
        assertThatThrownBy(handle::await).isInstanceOf(CancellationException.class);
        assertThat(handle.isCancelled()).isTrue();
        assertThat(lines).containsExactly("Hi, finalizer!");
        // END README
        handle.onComplete(ended::complete);
        assertThat(ended.get(5, TimeUnit.SECONDS).getCause()).isInstanceOf(CancellationException.class);
    }

    @Test
    @Timeout(120)
    void a_run_past_its_deadline_is_cancelled() {
        // README: run-deadline
        Runner impatient = Runner.of(stuck).with(options -> options.timeout(Duration.ofMillis(100)));
        assertThatThrownBy(() -> impatient.run(greetAll))
                .isInstanceOf(FlowTimeoutException.class)
                .hasMessage("the flow did not finish within PT0.1S and was cancelled");
        // END README
        assertThat(impatient.attempt(greetAll).getCause()).isInstanceOf(FlowTimeoutException.class);
    }
}
