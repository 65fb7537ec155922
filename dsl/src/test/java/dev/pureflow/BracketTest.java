package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** Finalizers: ensuring and bracket run their release exactly once on success, failure and cancellation. */
class BracketTest {

    private final World world = new World();
    private final Runner runner = Runner.of(world.executor());

    private long performedCount(Action<?> action) {
        return world.performed.stream().filter(action::equals).count();
    }

    @Test
    void ensuring_runs_the_finalizer_once_after_success_and_keeps_the_value() {
        Program<Integer> flow = Program.perform(new Cmd.Get(1)).ensuring(Program.perform(new Cmd.Note("cleanup")));

        assertThat(runner.run(flow)).isEqualTo(1);
        assertThat(world.performed).containsExactly(new Cmd.Get(1), new Cmd.Note("cleanup"));
    }

    @Test
    void ensuring_runs_the_finalizer_once_after_failure_and_keeps_the_error() {
        Program<Integer> flow = Program.perform(new Cmd.Fails("use")).ensuring(Program.perform(new Cmd.Note("cleanup")));

        assertThatThrownBy(() -> runner.run(flow)).isInstanceOf(ActionFailedException.class).hasRootCauseMessage("use");
        assertThat(world.performed).containsExactly(new Cmd.Fails("use"), new Cmd.Note("cleanup"));
    }

    @Test
    void ensuring_runs_the_finalizer_once_when_the_run_is_cancelled() throws Exception {
        Program<String> flow = Program.perform(new Cmd.Block("use")).ensuring(Program.perform(new Cmd.Note("cleanup")));

        RunHandle<String> handle = runner.start(flow);
        world.awaitBlocked(1);
        handle.cancel();

        assertThatThrownBy(handle::await).isInstanceOf(CancellationException.class);
        assertThat(world.interrupted).hasValue(1);
        assertThat(performedCount(new Cmd.Note("cleanup"))).isEqualTo(1);
        assertThat(world.performed).last().isEqualTo(new Cmd.Note("cleanup"));
    }

    @Test
    void bracket_acquires_uses_and_releases_the_resource_in_order() {
        Program<String> flow = Program.bracket(
                Program.perform(new Cmd.Echo("conn")),
                conn -> Program.perform(new Cmd.Echo("query via " + conn)),
                conn -> Program.perform(new Cmd.Note("close " + conn)));

        assertThat(runner.run(flow)).isEqualTo("query via conn");
        assertThat(world.performed).containsExactly(
                new Cmd.Echo("conn"), new Cmd.Echo("query via conn"), new Cmd.Note("close conn"));
    }

    @Test
    void bracket_releases_exactly_once_when_the_use_fails_and_keeps_the_use_error() {
        Program<Integer> flow = Program.bracket(
                Program.perform(new Cmd.Echo("r")),
                r -> Program.perform(new Cmd.Fails("use failed")),
                r -> Program.perform(new Cmd.Note("release " + r)));

        assertThatThrownBy(() -> runner.run(flow))
                .isInstanceOf(ActionFailedException.class)
                .hasRootCauseMessage("use failed")
                .satisfies(error -> assertThat(error.getSuppressed()).isEmpty());
        assertThat(performedCount(new Cmd.Note("release r"))).isEqualTo(1);
    }

    @Test
    void bracket_releases_when_the_use_function_itself_throws() {
        Program<Integer> flow = Program.bracket(
                Program.perform(new Cmd.Echo("r")),
                r -> {
                    throw new IllegalStateException("use could not be built");
                },
                r -> Program.perform(new Cmd.Note("release " + r)));

        assertThatThrownBy(() -> runner.run(flow)).hasMessage("use could not be built");
        assertThat(performedCount(new Cmd.Note("release r"))).isEqualTo(1);
    }

    @Test
    void bracket_does_not_release_or_use_when_acquisition_fails() {
        Program<Integer> flow = Program.bracket(
                Program.perform(new Cmd.Fails("acquire")),
                r -> Program.perform(new Cmd.Get(r)),
                r -> Program.perform(new Cmd.Note("release")));

        assertThatThrownBy(() -> runner.run(flow)).hasRootCauseMessage("acquire");
        assertThat(world.performed).containsExactly(new Cmd.Fails("acquire"));
    }

    @Test
    void a_failing_release_is_added_as_suppressed_to_the_use_error() {
        Program<Integer> flow = Program.bracket(
                Program.pure("r"),
                r -> Program.perform(new Cmd.Fails("use failed")),
                r -> Program.perform(new Cmd.Fails("release failed")));

        Throwable error = runner.attempt(flow).getCause();

        assertThat(error).isInstanceOf(ActionFailedException.class).hasRootCauseMessage("use failed");
        assertThat(error.getSuppressed()).singleElement()
                .isInstanceOf(ActionFailedException.class)
                .satisfies(suppressed -> assertThat(suppressed.getCause()).hasMessage("release failed"));
    }

    @Test
    void a_release_failure_after_a_successful_use_becomes_the_error() {
        Program<Integer> flow = Program.bracket(
                Program.pure("r"),
                r -> Program.perform(new Cmd.Get(1)),
                r -> Program.perform(new Cmd.Fails("release failed")));

        assertThatThrownBy(() -> runner.run(flow))
                .isInstanceOf(ActionFailedException.class)
                .hasRootCauseMessage("release failed");
        assertThat(world.performed).containsExactly(new Cmd.Get(1), new Cmd.Fails("release failed"));
    }

    @Test
    void bracket_releases_once_when_cancelled_during_use_and_the_release_is_not_interrupted() throws Exception {
        Program<String> flow = Program.bracket(
                Program.perform(new Cmd.Echo("r")),
                r -> Program.perform(new Cmd.Block("use")),
                r -> Program.perform(new Cmd.Note("release 1")).andThen(Program.perform(new Cmd.Note("release 2"))));

        RunHandle<String> handle = runner.start(flow);
        world.awaitBlocked(1);
        handle.cancel();

        assertThatThrownBy(handle::await).isInstanceOf(CancellationException.class);
        assertThat(handle.isCancelled()).isTrue();
        assertThat(world.performed).containsExactly(
                new Cmd.Echo("r"), new Cmd.Block("use"), new Cmd.Note("release 1"), new Cmd.Note("release 2"));
    }

    @Test
    void a_release_that_fails_during_cancellation_is_suppressed_by_the_cancellation() throws Exception {
        Program<String> flow = Program.bracket(
                Program.pure("r"),
                r -> Program.perform(new Cmd.Block("use")),
                r -> Program.perform(new Cmd.Fails("release failed")));

        RunHandle<String> handle = runner.start(flow);
        world.awaitBlocked(1);
        handle.cancel();

        assertThatThrownBy(handle::await)
                .isInstanceOf(CancellationException.class)
                .satisfies(error -> assertThat(error.getSuppressed()).singleElement()
                        .satisfies(suppressed -> assertThat(suppressed).hasRootCauseMessage("release failed")));
    }

    @Test
    void cancellation_during_acquisition_waits_for_it_then_skips_the_use_and_releases() throws Exception {
        Program<String> flow = Program.bracket(
                Program.perform(new Cmd.Gate("resource")),
                r -> Program.perform(new Cmd.Echo("use " + r)),
                r -> Program.perform(new Cmd.Note("release " + r)));
        RunHandle<String> handle = runner.start(flow);
        world.awaitAtGate(1);

        handle.cancel();
        assertThat(handle.isDone()).as("acquisition is not interrupted").isFalse();
        world.openGate();

        assertThatThrownBy(handle::await).isInstanceOf(CancellationException.class);
        assertThat(world.interrupted).hasValue(0);
        assertThat(world.performed).containsExactly(new Cmd.Gate("resource"), new Cmd.Note("release resource"));
    }

    @Test
    void a_release_is_not_interrupted_by_a_cancellation_that_arrives_while_it_runs() throws Exception {
        Program<String> flow = Program.bracket(
                Program.pure("r"),
                r -> Program.perform(new Cmd.Echo("used")),
                r -> Program.perform(new Cmd.Gate("release")));
        RunHandle<String> handle = runner.start(flow);
        world.awaitAtGate(1);

        handle.cancel();
        world.openGate();

        assertThatThrownBy(handle::await).isInstanceOf(CancellationException.class);
        assertThat(world.interrupted).hasValue(0);
        assertThat(world.performed).containsExactly(new Cmd.Echo("used"), new Cmd.Gate("release"));
    }

    @Test
    void nested_brackets_release_innermost_first_on_failure() {
        Program<Integer> flow = Program.bracket(
                Program.pure("outer"),
                outer -> Program.bracket(
                        Program.pure("inner"),
                        inner -> Program.perform(new Cmd.Fails("boom")),
                        inner -> Program.perform(new Cmd.Note("release inner"))),
                outer -> Program.perform(new Cmd.Note("release outer")));

        assertThat(runner.attempt(flow).isFailure()).isTrue();
        assertThat(world.performed).containsExactly(
                new Cmd.Fails("boom"), new Cmd.Note("release inner"), new Cmd.Note("release outer"));
    }

    @Test
    void a_recovered_failure_inside_ensuring_still_runs_the_finalizer_once() {
        Program<Integer> flow = Program.perform(new Cmd.Fails("x"))
                .ensuring(Program.perform(new Cmd.Note("cleanup")))
                .recover(error -> 0);

        assertThat(runner.run(flow)).isZero();
        assertThat(performedCount(new Cmd.Note("cleanup"))).isEqualTo(1);
    }
}
