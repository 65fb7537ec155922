package dev.pureflow.combinators;

import dev.pureflow.Action;
import dev.pureflow.Executor;

/** Declares a higher parallelism for the executor it wraps; see {@link Combinators#parallelize}. */
record Parallelized(Executor next, int parallelism) implements Executor {

    @Override
    public Object execute(Action<?> action) throws Exception {
        return next.execute(action);
    }

    @Override
    public String toString() {
        return next + ".with(parallelize(" + parallelism + "))";
    }
}
