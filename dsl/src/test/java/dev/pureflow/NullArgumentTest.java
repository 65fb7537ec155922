package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.List;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Null arguments are rejected at the edge, with a message naming the argument. */
class NullArgumentTest {

    private static final Program<Integer> ONE = Program.pure(1);
    private static final Runner RUNNER = Runner.of(action -> null);

    private static void rejects(ThrowingCallable call, String argument) {
        assertThatThrownBy(call).isInstanceOf(NullPointerException.class).hasMessage(argument);
    }

    @Test
    void program_constructors_name_the_null_argument() {
        rejects(() -> Program.perform(null), "action");
        rejects(() -> Program.fail(null), "error");
        rejects(() -> Program.defer(null), "thunk");
        rejects(() -> Program.direct(null), "body");
        rejects(() -> Program.bracket(null, r -> ONE, r -> ONE), "acquire");
        rejects(() -> Program.bracket(ONE, null, r -> ONE), "use");
        rejects(() -> Program.bracket(ONE, r -> ONE, null), "release");
        rejects(() -> Program.parallel((Iterable<Program<Integer>>) null), "programs");
        rejects(() -> Program.parallel((Program<Integer>[]) null), "programs");
        rejects(() -> Program.parallel(ONE, null), "branch");
        rejects(() -> Program.zip(null, ONE), "first");
        rejects(() -> Program.zip(ONE, null), "second");
        rejects(() -> Program.sequence(null), "programs");
        rejects(() -> Program.traverse(null, n -> ONE), "items");
        rejects(() -> Program.traverse(List.of(1), null), "f");
        rejects(() -> Program.parTraverse(null, n -> ONE), "items");
        rejects(() -> Program.parTraverse(List.of(1), null), "f");
        rejects(() -> Program.tailRec(0, null), "step");
    }

    @Test
    void program_operations_name_the_null_argument() {
        rejects(() -> ONE.map(null), "f");
        rejects(() -> ONE.flatMap((Function<Integer, Program<Integer>>) null), "continuation");
        rejects(() -> ONE.andThen(null), "next");
        rejects(() -> ONE.zipWith(ONE, null), "f");
        rejects(() -> ONE.zipWith(null, (a, b) -> a), "second");
        rejects(() -> ONE.recover(null), "handler");
        rejects(() -> ONE.recoverWith(null), "handler");
        rejects(() -> ONE.recover(null, error -> 1), "type");
        rejects(() -> ONE.recover(IllegalStateException.class, null), "handler");
        rejects(() -> ONE.recoverWith(null, error -> ONE), "type");
        rejects(() -> ONE.recoverWith(IllegalStateException.class, null), "handler");
        rejects(() -> ONE.ensuring(null), "finalizer");
        rejects(() -> ONE.repeatWhile(null), "condition");
        rejects(() -> ONE.repeatUntil(null), "condition");
    }

    @Test
    void runner_and_handle_name_the_null_argument() {
        rejects(() -> Runner.of(null), "executor");
        rejects(() -> RUNNER.run(null), "program");
        rejects(() -> RUNNER.attempt(null), "program");
        rejects(() -> RUNNER.start(null), "program");
        rejects(() -> RUNNER.with(null), "configure");
        RunHandle<Integer> handle = RUNNER.start(ONE);
        rejects(() -> handle.await(null), "timeout");
        rejects(() -> handle.onComplete(null), "callback");
    }

    @Test
    void options_name_the_null_argument() {
        rejects(() -> RunOptions.DEFAULT.clock(null), "clock");
        rejects(() -> RunOptions.DEFAULT.listener(null), "listener");
        rejects(() -> RunOptions.DEFAULT.timeout(null), "timeout");
    }

    @Test
    void executors_and_combinators_name_the_null_argument() {
        rejects(() -> Executor.of(null, cmd -> null), "family");
        rejects(() -> Executor.of(Cmd.class, null), "handler");
        rejects(() -> Executor.async(null, cmd -> null), "family");
        rejects(() -> Executor.async(Cmd.class, null), "handler");
        rejects(() -> Executor.routing().route(null, action -> null), "family");
        rejects(() -> Executor.routing().route(Cmd.class, null), "executor");
        rejects(() -> StepListener.NONE.andThen(null), "next");
        Executor executor = action -> null;
        rejects(() -> executor.with(null), "combinator");
        rejects(() -> Combinator.around(null), "around");
        rejects(() -> ((Combinator) next -> next).andThen(null), "outer");
    }
}
