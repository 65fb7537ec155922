package dev.pureflow;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * An executor that may decline an action, so that the next one of a chain takes it: Python
 * {@code effect}'s composed dispatchers, vavr's {@code PartialFunction.lift()}. A chain of partial
 * executors ends in a total {@link Executor} ({@link #orElse(Executor)}) or in a clear
 * {@link UnhandledActionException} naming the action ({@link #orElseUnhandled()}).
 *
 * <pre>{@code
 * Executor world = PartialExecutor.of(Cmd.class, cmd -> switch (cmd) { ... }) // Cmd actions, and only those
 *         .orElse(PartialExecutor.of(processes))   // whatever the process executor does not report as unhandled
 *         .orElse(FakeExecutor.of(Map.of(new Audit("x"), "ok")));  // the rest, or its UnhandledActionException
 * }</pre>
 *
 * <p>Declining is answering {@link Option#none()} before doing anything; an answer is
 * {@code Option.some(value)}, {@code Option.some(null)} for an {@code Action<Void>}. The answer is
 * an {@code Object}, not an {@code Option<R>} of a generic {@code tryExecute(Action<R>)}, so that a
 * partial executor can be a lambda, as an {@link Executor} can. A total executor joins a chain with
 * {@link #of(Executor)}: it declines the actions it reports as unhandled, so routers, family
 * executors and fakes decline what they do not know. {@link Executor#orElse(Executor)} is the
 * short form for two total executors.
 *
 * <p><b>Parallelism.</b> A chain may run as many branches of a parallel block at once as every
 * member allows: its {@link #parallelism()} is the smallest of its members'. A lambda declares 1,
 * like a lambda {@link Executor}; wrap the finished executor in {@code parallelize(n)} when every
 * member is safe at {@code n}. Members are called on the runner's threads, so a chain is
 * thread-safe if its members are.
 */
@FunctionalInterface
public interface PartialExecutor {

    /**
     * Carries out {@code action} and returns its answer, or declines it, having done nothing.
     *
     * @return {@code Option.some(answer)}, or {@code Option.none()} to let the next executor of the chain take it
     * @throws Exception a failure of the action, as {@link Executor#execute} throws it (not a decline)
     */
    Option<Object> tryExecute(Action<?> action) throws Exception;

    /** How many branches of one parallel block may run at once through this executor; 1 by default. */
    default int parallelism() {
        return 1;
    }

    /** This executor, then {@code next} for the actions this one declines: a partial executor that declines what both decline. */
    default PartialExecutor orElse(PartialExecutor next) {
        Objects.requireNonNull(next, "next");
        return PartialChain.of(this, next);
    }

    /** This executor, then {@code last} for every action this one declines: a total executor. */
    default Executor orElse(Executor last) {
        Objects.requireNonNull(last, "last");
        return new ChainedExecutor(this, last);
    }

    /**
     * A total executor that fails an action this one declines with {@link UnhandledActionException}
     * naming the action and the executors that declined it.
     */
    default Executor orElseUnhandled() {
        PartialExecutor chain = this;
        return new ChainedExecutor(this, new Executor() {
            @Override
            public Object execute(Action<?> action) {
                throw new UnhandledActionException(action, "every executor of the chain declined it: " + chain);
            }

            @Override
            public int parallelism() {
                return Integer.MAX_VALUE; // declining everything is safe at any parallelism
            }

            @Override
            public String toString() {
                return "unhandled";
            }
        });
    }

    /**
     * {@code executor} as a partial executor: it declines an action for which {@code executor}
     * throws an {@link UnhandledActionException} about that very action (a router without a route
     * for it, a family executor of another family, a fake that does not know it). Any other
     * failure is the action's. Put combinators that log or time actions around the whole chain,
     * not around such a member, or they will also see the actions it declines.
     */
    static PartialExecutor of(Executor executor) {
        Objects.requireNonNull(executor, "executor");
        return new DecliningExecutor(executor);
    }

    /**
     * A partial executor for one family of actions, written as one function (typically an
     * exhaustive {@code switch}); it declines every action outside {@code family}.
     */
    static <F extends Action<?>> PartialExecutor of(Class<F> family, Executor.Handler<? super F> handler) {
        return of(Executor.of(family, handler));
    }
}
