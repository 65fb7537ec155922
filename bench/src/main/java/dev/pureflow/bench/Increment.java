package dev.pureflow.bench;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.Program;

/**
 * The step every in-memory benchmark performs: add 1 to a long. Kept as small as possible so that
 * what is measured is the cost of getting a step to the executor and its answer back.
 *
 * @param value the number to add 1 to
 */
record Increment(long value) implements Action<Long> {

    /** The bare executor: answers {@code value + 1}, the ergonomic way users write executors. */
    static Executor executor() {
        return Executor.of(Increment.class, increment -> increment.value() + 1);
    }

    /**
     * {@code steps} increments from {@code start}, each step's program built by the previous step's
     * continuation: {@code perform(step).flatMap(x -> loop(...))}.
     */
    static Program<Long> loop(long start, int steps) {
        return steps == 0
                ? Program.pure(start)
                : Program.perform(new Increment(start)).flatMap(next -> loop(next, steps - 1));
    }

    /** {@code steps} increments as one left-nested chain built up front: {@code ((p.flatMap(f)).flatMap(f))...}. */
    static Program<Long> leftNested(int steps) {
        Program<Long> chain = Program.pure(0L);
        for (int i = 0; i < steps; i++) {
            chain = chain.flatMap(value -> Program.perform(new Increment(value)));
        }
        return chain;
    }

    /** {@code steps} increments in direct style: one body performing them in a loop. */
    static Program<Long> direct(int steps) {
        return Program.direct(flow -> {
            long value = 0;
            for (int i = 0; i < steps; i++) {
                value = flow.perform(new Increment(value));
            }
            return value;
        });
    }
}
