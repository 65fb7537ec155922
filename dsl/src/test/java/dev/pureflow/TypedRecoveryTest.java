package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.control.Try;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Recovering by the error's type: {@code recover(type, ...)} and {@code recoverWith(type, ...)}. */
class TypedRecoveryTest {

    private final World world = new World();
    private final Runner runner = Runner.of(world.executor());

    @Test
    void recover_by_type_matches_the_cause_of_a_failed_action_and_hands_over_the_cause() {
        AtomicReference<IllegalStateException> seen = new AtomicReference<>();
        Program<Integer> flow = Program.perform(new Cmd.Fails("nope")).recover(IllegalStateException.class, error -> {
            seen.set(error);
            return -1;
        });

        assertThat(runner.run(flow)).isEqualTo(-1);
        assertThat(seen.get()).isExactlyInstanceOf(IllegalStateException.class).hasMessage("nope");
    }

    @Test
    void recover_by_type_matches_a_supertype_of_the_cause() {
        Program<String> flow = Program.perform(new Cmd.Fails("nope")).map(String::valueOf)
                .recover(IllegalArgumentException.class, error -> "not this one")
                .recover(RuntimeException.class, error -> "caught " + error.getClass().getSimpleName());

        // RuntimeException matches the ActionFailedException itself first: the error before its cause
        assertThat(runner.run(flow)).isEqualTo("caught ActionFailedException");
    }

    @Test
    void recover_by_ActionFailedException_hands_over_the_failure_with_its_context() {
        Program<String> flow = Program.perform(new Cmd.Fails("nope")).map(String::valueOf)
                .recover(ActionFailedException.class, failed -> failed.action() + " at step " + failed.step());

        assertThat(runner.run(flow)).isEqualTo("Fails[why=nope] at step 1");
    }

    @Test
    void recover_by_type_matches_an_error_the_flow_fails_with_itself() {
        Program<String> flow = Program.<String>fail(new IOException("disk full")).recover(IOException.class, IOException::getMessage);

        assertThat(runner.run(flow)).isEqualTo("disk full");
    }

    @Test
    void an_error_of_another_type_passes_through_unchanged_and_the_handler_is_not_called() {
        IOException original = new IOException("disk full");
        Program<String> flow = Program.<String>fail(original).recover(IllegalStateException.class, error -> {
            throw new AssertionError("handler called for " + error);
        });

        Try<String> outcome = runner.attempt(flow);

        assertThat(outcome.getCause()).isSameAs(original);
    }

    @Test
    void a_failed_action_whose_cause_is_of_another_type_passes_through_as_the_same_failure() {
        AtomicReference<Throwable> before = new AtomicReference<>();
        Program<Integer> flow = Program.perform(new Cmd.Fails("nope"))
                .recoverWith(error -> {
                    before.set(error);
                    return Program.fail(error);
                })
                .recover(IOException.class, error -> -1);

        Try<Integer> outcome = runner.attempt(flow);

        assertThat(outcome.getCause()).isInstanceOf(ActionFailedException.class).isSameAs(before.get());
    }

    @Test
    void recoverWith_by_type_continues_with_the_flow_the_handler_builds() {
        Program<String> flow = Program.perform(new Cmd.Fails("nope")).map(String::valueOf)
                .recoverWith(IllegalStateException.class, error -> Program.perform(new Cmd.Echo("fallback after " + error.getMessage())));

        assertThat(runner.run(flow)).isEqualTo("fallback after nope");
        assertThat(world.performed).containsExactly(new Cmd.Fails("nope"), new Cmd.Echo("fallback after nope"));
    }

    @Test
    void a_handler_that_throws_fails_the_flow_with_the_handlers_error() {
        Program<String> flow = Program.perform(new Cmd.Fails("nope")).map(String::valueOf)
                .recover(IllegalStateException.class, error -> {
                    throw new UncheckedIOException(new IOException("handler broke"));
                });

        assertThatThrownBy(() -> runner.run(flow)).isInstanceOf(UncheckedIOException.class).hasRootCauseMessage("handler broke");
    }

    @Test
    void the_runs_cancellation_is_never_caught_by_type() throws Exception {
        AtomicReference<Throwable> handled = new AtomicReference<>();
        Program<String> flow = Program.perform(new Cmd.Block("forever"))
                .recover(CancellationException.class, error -> {
                    handled.set(error);
                    return "caught";
                })
                .recover(Throwable.class, error -> {
                    handled.set(error);
                    return "caught";
                });
        RunHandle<String> handle = runner.start(flow);
        world.awaitBlocked(1);

        handle.cancel();

        assertThatThrownBy(handle::await).isInstanceOf(CancellationException.class);
        assertThat(handled).hasNullValue();
    }

    @Test
    void a_cancellation_exception_the_flow_fails_with_is_not_handed_to_a_handler_by_type() {
        CancellationException cancelled = new CancellationException("given up");
        Program<String> flow = Program.<String>fail(cancelled).recover(CancellationException.class, error -> "caught");

        assertThat(runner.attempt(flow).getCause()).isSameAs(cancelled);
    }
}
