package dev.pureflow;

import io.vavr.control.Option;
import java.util.Objects;

/** A partial executor completed by a total one, which takes every action the partial one declines. */
record ChainedExecutor(PartialExecutor first, Executor last) implements Executor {

    @Override
    public Object execute(Action<?> action) throws Exception {
        Option<Object> answer = Objects.requireNonNull(first.tryExecute(action),
                () -> first + " answered " + action + " with null instead of an Option");
        return answer.isDefined() ? answer.get() : last.execute(action);
    }

    /** As many at once as both allow. */
    @Override
    public int parallelism() {
        return Math.min(first.parallelism(), last.parallelism());
    }

    @Override
    public String toString() {
        return first + ", then " + last;
    }
}
