package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Executors for one action family: {@link Executor#of} with a switch, and {@link Executor#async} with stages. */
class ExecutorTest {

    /** An action outside the {@link Cmd} family. */
    record Stranger(String name) implements Action<String> {}

    private final Executor switching = Executor.of(Cmd.class, cmd -> switch (cmd) {
        case Cmd.Get get -> get.n() * 10;
        case Cmd.Echo echo -> echo.text().toUpperCase();
        case Cmd.Note note -> null;
        case Cmd.Fails fails -> throw new IllegalStateException(fails.why());
        case Cmd.Block block -> throw new UnsupportedOperationException("not in this test");
        case Cmd.Gate gate -> throw new UnsupportedOperationException("not in this test");
    });

    @Test
    void of_answers_each_action_of_the_family_through_the_switch() {
        Runner runner = Runner.of(switching);

        int n = runner.run(Program.perform(new Cmd.Get(4)));
        String text = runner.run(Program.perform(new Cmd.Echo("abc")));

        assertThat(n).isEqualTo(40);
        assertThat(text).isEqualTo("ABC");
    }

    @Test
    void an_action_outside_the_family_is_unhandled_and_named_in_the_error() throws Exception {
        assertThatThrownBy(() -> switching.execute(new Stranger("bob")))
                .isInstanceOf(UnhandledActionException.class)
                .hasMessageContaining("Stranger[name=bob]")
                .hasMessageContaining(Cmd.class.getName())
                .satisfies(error -> assertThat(((UnhandledActionException) error).action()).isEqualTo(new Stranger("bob")));
    }

    @Test
    void an_unhandled_action_reaches_the_caller_as_action_failed_naming_action_step_and_branch() {
        Program<String> flow = Program.perform(new Cmd.Get(1)).flatMap(n -> Program.perform(new Stranger("eve")));

        assertThatThrownBy(() -> Runner.of(switching).run(flow))
                .isInstanceOf(ActionFailedException.class)
                .hasCauseInstanceOf(UnhandledActionException.class)
                .hasMessageContaining("step 2")
                .hasMessageContaining("Stranger[name=eve]")
                .hasMessageContaining("on branch main")
                .satisfies(error -> {
                    ActionFailedException failed = (ActionFailedException) error;
                    assertThat(failed.action()).isEqualTo(new Stranger("eve"));
                    assertThat(failed.step()).isEqualTo(2);
                    assertThat(failed.branch()).isEqualTo("main");
                });
    }

    @Test
    void an_executor_answering_void_with_null_is_fine() {
        Void answer = Runner.of(switching).run(Program.perform(new Cmd.Note("nothing")));

        assertThat(answer).isNull();
    }

    @Test
    void the_default_parallelism_is_one() {
        assertThat(switching.parallelism()).isEqualTo(1);
    }

    @Test
    void async_answers_with_the_value_of_the_stage() {
        Executor async = Executor.async(Cmd.class, cmd -> CompletableFuture.supplyAsync(() -> ((Cmd.Get) cmd).n() + 1));

        int answer = Runner.of(async).run(Program.perform(new Cmd.Get(41)));

        assertThat(answer).isEqualTo(42);
    }

    @Test
    void async_fails_the_action_with_the_error_the_stage_failed_with() {
        Executor async = Executor.async(Cmd.class, cmd -> CompletableFuture.failedFuture(new IllegalArgumentException("stage failed")));

        assertThatThrownBy(() -> Runner.of(async).run(Program.perform(new Cmd.Get(1))))
                .isInstanceOf(ActionFailedException.class)
                .hasCauseExactlyInstanceOf(IllegalArgumentException.class)
                .hasRootCauseMessage("stage failed");
    }

    @Test
    void async_rejects_a_handler_that_returns_no_stage_naming_the_action() {
        Executor async = Executor.async(Cmd.class, cmd -> null);

        assertThatThrownBy(() -> Runner.of(async).run(Program.perform(new Cmd.Get(7))))
                .isInstanceOf(ActionFailedException.class)
                .hasCauseInstanceOf(NullPointerException.class)
                .cause()
                .hasMessageContaining("no stage for Get[n=7]");
    }

    @Test
    void async_reports_a_stage_cancelled_by_someone_else_as_a_failure_naming_the_action() {
        CompletableFuture<Object> stage = new CompletableFuture<>();
        stage.cancel(true);
        Executor async = Executor.async(Cmd.class, cmd -> stage);

        assertThatThrownBy(() -> Runner.of(async).run(Program.perform(new Cmd.Get(3))))
                .isInstanceOf(ActionFailedException.class)
                .cause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Get[n=3] was cancelled");
    }

    @Test
    void cancelling_the_run_cancels_the_pending_stage() throws Exception {
        CompletableFuture<Object> stage = new CompletableFuture<>();
        CountDownLatch handed = new CountDownLatch(1);
        Executor async = Executor.async(Cmd.class, cmd -> {
            handed.countDown();
            return stage;
        });
        RunHandle<Integer> handle = Runner.of(async).start(Program.perform(new Cmd.Get(1)));
        assertThat(handed.await(World.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();

        handle.cancel();

        assertThatThrownBy(handle::await).isInstanceOf(CancellationException.class);
        assertThat(stage.isCancelled()).isTrue();
    }

    @Test
    void async_rejects_actions_outside_its_family() {
        AtomicReference<Object> handled = new AtomicReference<>();
        Executor async = Executor.async(Cmd.class, cmd -> {
            handled.set(cmd);
            return CompletableFuture.completedFuture("x");
        });

        assertThatThrownBy(() -> async.execute(new Stranger("x"))).isInstanceOf(UnhandledActionException.class);
        assertThat(handled.get()).isNull();
    }
}
