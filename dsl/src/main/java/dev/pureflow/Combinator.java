package dev.pureflow;

import java.util.Objects;

/**
 * A function from executor to executor that adds behaviour around each action without touching
 * the flow: parallelism, logging, retries, timing, deadlines, caches, rate limits.
 *
 * <p>Built-ins live in {@link dev.pureflow.combinators.Combinators}. Your own is usually one line
 * with {@link #around}, which keeps the wrapped executor's {@link Executor#parallelism()}:
 *
 * <pre>{@code
 * Combinator counted = Combinator.around((action, next) -> {
 *     counter.increment();
 *     return next.execute(action);
 * });
 * Executor executor = base.with(parallelize(4)).with(counted).with(logged());
 * }</pre>
 *
 * <p>Order is the order of wrapping: the combinator applied last is outermost and sees each action
 * first.
 */
@FunctionalInterface
public interface Combinator {

    /** Wraps {@code next}. */
    Executor apply(Executor next);

    /** This combinator, then {@code outer} around it. */
    default Combinator andThen(Combinator outer) {
        Objects.requireNonNull(outer, "outer");
        return next -> outer.apply(apply(next));
    }

    /** A combinator from what it does around one action; the result keeps the parallelism of {@code next}. */
    static Combinator around(Around around) {
        Objects.requireNonNull(around, "around");
        return next -> new Executor() {
            @Override
            public Object execute(Action<?> action) throws Exception {
                return around.execute(action, next);
            }

            @Override
            public int parallelism() {
                return next.parallelism();
            }
        };
    }

    /** What a combinator does around one action, given the executor it wraps. */
    @FunctionalInterface
    interface Around {
        /** Carries out {@code action}, usually by calling {@code next.execute(action)}. */
        Object execute(Action<?> action, Executor next) throws Exception;
    }
}
