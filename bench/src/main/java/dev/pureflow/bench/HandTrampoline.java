package dev.pureflow.bench;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import java.util.ArrayDeque;
import java.util.function.Function;

/**
 * The smallest interpreter of the same shape as pureflow's (a free structure of pure, perform and
 * flatMap nodes, run by a loop over an explicit stack of continuations, with actions carried out
 * by an {@link Executor}): the reference for what one monadic step can cost in Java before
 * cancellation, listeners, step numbers, error trails, result-type checks and brackets are added.
 * Used by {@link SequentialChainBenchmark} only.
 */
final class HandTrampoline {

    sealed interface Node {}

    record Pure(Object value) implements Node {}

    record Perform(Action<?> action) implements Node {}

    record FlatMap(Node source, Function<Object, Node> next) implements Node {}

    private HandTrampoline() {}

    static Node loop(long start, int steps) {
        return steps == 0
                ? new Pure(start)
                : new FlatMap(new Perform(new Increment(start)), next -> loop((Long) next, steps - 1));
    }

    static Object run(Node program, Executor executor) throws Exception {
        ArrayDeque<Function<Object, Node>> stack = new ArrayDeque<>();
        Node current = program;
        while (true) {
            Object value;
            switch (current) {
                case FlatMap flatMap -> {
                    stack.push(flatMap.next());
                    current = flatMap.source();
                    continue;
                }
                case Pure pure -> value = pure.value();
                case Perform perform -> value = executor.execute(perform.action());
            }
            Function<Object, Node> next = stack.poll();
            if (next == null) {
                return value;
            }
            current = next.apply(value);
        }
    }
}
