package dev.pureflow;

import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The {@link Flow} handle of one run of a direct-style body: each call interprets its step right
 * here, on the body's thread, as a nested interpretation on the fiber that runs the body.
 *
 * <p>Usable only by the body it was made for, while it runs: on the fiber's thread, at the
 * fiber's depth of interpretation when the body started (not from inside a step it is running,
 * such as a {@code defer} thunk or an executor), and not after the body has ended. Anything else is
 * an {@link IllegalStateException} that says so. Confined to the body's thread.
 */
final class BodyFlow implements Flow {

    private final Fiber fiber;
    private final Thread owner;
    private final int depth;
    private boolean ended;

    BodyFlow(Fiber fiber, int depth) {
        this.fiber = fiber;
        this.owner = Thread.currentThread();
        this.depth = depth;
    }

    /** The body has returned or thrown: the handle refuses every further call. */
    void end() {
        ended = true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R perform(Action<R> action) {
        Objects.requireNonNull(action, "action");
        checkUsable();
        return (R) fiber.performForBody(action);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> A run(Program<A> program) {
        Objects.requireNonNull(program, "program");
        checkUsable();
        return (A) fiber.interpretForBody(program);
    }

    @Override
    public <A> A uncancellable(Callable<A> region) {
        Objects.requireNonNull(region, "region");
        checkUsable();
        fiber.mask();
        try {
            return region.call();
        } catch (RuntimeException | Error unchecked) {
            throw unchecked;
        } catch (Exception checked) {
            throw new FlowFailedException(checked);
        } finally {
            fiber.unmask();
        }
    }

    private void checkUsable() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a Flow handle was used outside the thread of its direct-style body;"
                    + " a body must reach the world only through its own handle, on its own thread");
        }
        if (ended) {
            throw new IllegalStateException("a Flow handle was used after its direct-style body ended;"
                    + " a body must not keep its handle beyond its own run");
        }
        if (fiber.depth() != depth) {
            throw new IllegalStateException("a Flow handle was used from inside a step it is running"
                    + " (a defer thunk, a flatMap function, an executor or a nested body);"
                    + " only the body itself may call its handle");
        }
    }
}
