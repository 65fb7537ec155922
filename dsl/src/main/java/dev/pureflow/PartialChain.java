package dev.pureflow;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Objects;

/** Partial executors tried in order until one takes the action; declines what all decline. */
record PartialChain(Vector<PartialExecutor> members) implements PartialExecutor {

    /** {@code first}, then {@code next}, with chains flattened so that messages list every member once. */
    static PartialChain of(PartialExecutor first, PartialExecutor next) {
        return new PartialChain(membersOf(first).appendAll(membersOf(next)));
    }

    private static Vector<PartialExecutor> membersOf(PartialExecutor executor) {
        return executor instanceof PartialChain chain ? chain.members() : Vector.of(executor);
    }

    @Override
    public Option<Object> tryExecute(Action<?> action) throws Exception {
        for (PartialExecutor member : members) {
            Option<Object> answer = Objects.requireNonNull(member.tryExecute(action),
                    () -> member + " answered " + action + " with null instead of an Option");
            if (answer.isDefined()) {
                return answer;
            }
        }
        return Option.none();
    }

    @Override
    public int parallelism() {
        return members.map(PartialExecutor::parallelism).min().getOrElse(1);
    }

    @Override
    public String toString() {
        return members.mkString(", then ");
    }
}
