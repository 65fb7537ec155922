package dev.pureflow;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Carries out one action: the edge where a flow touches a world.
 *
 * <p>The ergonomic form is one lambda with an exhaustive {@code switch} over a sealed action
 * family, so the compiler flags a missing case:
 *
 * <pre>{@code
 * Executor executor = Executor.of(Cmd.class, cmd -> switch (cmd) {
 *     case Fetch f -> List.of("User0", "User1", "User2");
 *     case Greet g -> { System.out.println("Hi, " + g.name() + "!"); yield null; }
 * });
 * }</pre>
 *
 * <p>Executors compose by routing ({@link #routing()}) or by declining what they do not handle
 * ({@link #orElse(Executor)}, {@link PartialExecutor}), and are wrapped by {@link Combinator}s.
 * An executor may block: the runner calls it on a virtual thread and interrupts it when the run is
 * cancelled or an action times out. Asynchronous executors ({@link #async}) answer with a
 * {@link CompletionStage} instead. Implementations must be safe to call from several threads when
 * they declare a {@link #parallelism()} above one.
 */
@FunctionalInterface
public interface Executor {

    /**
     * Carries out {@code action} and returns its answer, which must be an instance of the action's
     * declared result type ({@code null} for {@code Action<Void>}).
     *
     * @throws UnhandledActionException if this executor has no case for the action
     * @throws InterruptedException if the calling thread was interrupted (cancellation, timeout)
     * @throws Exception any failure of the action; the runner reports it with the action's context
     */
    Object execute(Action<?> action) throws Exception;

    /**
     * How many branches of one parallel block may run at once; 1 means one after another.
     * Combinators forward it; {@link dev.pureflow.combinators.Combinators#parallelize(int)} raises it.
     */
    default int parallelism() {
        return 1;
    }

    /** This executor wrapped by {@code combinator}: {@code combinator} sees each action first. */
    default Executor with(Combinator combinator) {
        Objects.requireNonNull(combinator, "combinator");
        return Objects.requireNonNull(combinator.apply(this), "combinator returned null");
    }

    /**
     * This executor, then {@code next} for the actions this one reports as unhandled (throws an
     * {@link UnhandledActionException} about): a fake for the interesting actions that hands the
     * rest on, a router whose unrouted actions go to a catch-all. An action both leave unhandled
     * fails with {@code next}'s {@code UnhandledActionException}. Runs as many branches of a
     * parallel block at once as both allow. See {@link PartialExecutor} for executors that decline
     * explicitly and for longer chains.
     */
    default Executor orElse(Executor next) {
        Objects.requireNonNull(next, "next");
        return PartialExecutor.of(this).orElse(next);
    }

    /**
     * An executor for one sealed family of actions, written as one function (typically an
     * exhaustive {@code switch}). An action outside {@code family} fails with
     * {@link UnhandledActionException}.
     */
    static <F extends Action<?>> Executor of(Class<F> family, Handler<? super F> handler) {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(handler, "handler");
        return new FamilyExecutor(family, action -> handler.handle(family.cast(action)));
    }

    /**
     * An asynchronous executor for one sealed family of actions: {@code handler} starts the work
     * and answers with a stage. If the run is cancelled while the stage is pending, the stage is
     * cancelled (its {@code CompletableFuture} form with {@code cancel(true)}).
     */
    static <F extends Action<?>> Executor async(Class<F> family, AsyncHandler<? super F> handler) {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(handler, "handler");
        return new FamilyExecutor(family, action -> awaitStage(handler.handle(family.cast(action)), action));
    }

    /** A builder of an executor that sends each family of actions to its own executor. */
    static Router.Builder routing() {
        return Router.builder();
    }

    private static Object awaitStage(CompletionStage<?> stage, Action<?> action) throws Exception {
        Objects.requireNonNull(stage, () -> "async handler returned no stage for " + Redaction.DEFAULT.render(action));
        CompletableFuture<?> future = stage.toCompletableFuture();
        try {
            return future.get();
        } catch (InterruptedException interrupted) {
            future.cancel(true);
            throw interrupted;
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof Exception cause ? cause : failed;
        } catch (CancellationException cancelled) {
            throw new IllegalStateException("the stage answering " + Redaction.DEFAULT.render(action) + " was cancelled", cancelled);
        }
    }

    /**
     * The handler of one action family: returns the answer or throws.
     *
     * @param <F> the family of actions handled
     */
    @FunctionalInterface
    interface Handler<F> {
        /** Carries out {@code action} and returns its answer. */
        Object handle(F action) throws Exception;
    }

    /**
     * The asynchronous handler of one action family: starts the work and returns its stage.
     *
     * @param <F> the family of actions handled
     */
    @FunctionalInterface
    interface AsyncHandler<F> {
        /** Starts carrying out {@code action}. */
        CompletionStage<?> handle(F action) throws Exception;
    }
}
