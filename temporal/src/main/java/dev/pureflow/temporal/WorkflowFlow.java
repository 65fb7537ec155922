package dev.pureflow.temporal;

import dev.pureflow.Action;
import dev.pureflow.Flow;
import dev.pureflow.Program;
import io.temporal.workflow.Workflow;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The {@link Flow} a direct-style body gets on Temporal: each call walks its step right away on the
 * body's workflow thread, on the body's own path, so the body's steps are activities and blocks as
 * monadic ones are. Confined to the body's thread and to the body's lifetime; a call from inside a
 * step the body is running, or after the body ended, is an {@link IllegalStateException}.
 */
final class WorkflowFlow implements Flow {

    private final Walk walk;
    private final Thread owner;
    private boolean busy;
    private boolean ended;

    WorkflowFlow(Walk walk, Thread owner) {
        this.walk = walk;
        this.owner = owner;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R perform(Action<R> action) {
        return (R) walkHere(Program.perform(action));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> A run(Program<A> program) {
        return (A) walkHere(program);
    }

    /**
     * Runs {@code region} in a detached cancellation scope: activities it starts run, and are not
     * cancelled, even after the workflow was cancelled.
     */
    @Override
    public <A> A uncancellable(Callable<A> region) {
        checkCaller();
        List<Either<Throwable, A>> outcome = new ArrayList<>(1);
        Workflow.newDetachedCancellationScope(() -> {
            try {
                outcome.add(Either.right(region.call()));
            } catch (Throwable thrown) {
                outcome.add(Either.left(Walk.userError(thrown)));
            }
        }).run();
        Either<Throwable, A> result = outcome.get(0);
        if (result.isLeft()) {
            throw Unchecked.wrapped(result.getLeft());
        }
        return result.get();
    }

    private Object walkHere(Program<?> program) {
        checkCaller();
        busy = true;
        Either<Throwable, Object> outcome;
        try {
            outcome = walk.nested().run(program);
        } finally {
            busy = false;
        }
        if (outcome.isLeft()) {
            throw Unchecked.wrapped(outcome.getLeft());
        }
        return outcome.get();
    }

    private void checkCaller() {
        if (ended) {
            throw new IllegalStateException("this flow's direct-style body has ended; its Flow can no longer be used");
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a direct-style body's Flow is confined to the body's own workflow thread");
        }
        if (busy) {
            throw new IllegalStateException("a Flow cannot be used from inside a step its body is running (a defer thunk, a nested body)");
        }
    }

    /** The body has returned or thrown: later calls fail. */
    void end() {
        ended = true;
    }
}
