package dev.pureflow.interpreters.journal;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.combinators.Backoff;
import dev.pureflow.combinators.Combinators;
import dev.pureflow.combinators.RetryPolicy;
import io.vavr.collection.List;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

/**
 * The 200-step flow the crash tests kill and resume: sequential steps, a bracket whose release is a
 * step, a direct-style body, steps retried after a first failing attempt, a parallel block, and
 * built-in steps (a sleep, a published value).
 * Its executor appends one line per carried-out step to a side file (the world's memory of what ran).
 */
final class CrashFlow {

    static final int STEPS = 200;

    sealed interface Deploy<R> extends Action<R> {}

    /** A step of work: appends {@code step} to the side file, answers a number made from it. */
    record Work(int step) implements Deploy<Integer> {}

    /** Fails its first attempt in each process, then works as {@link Work} does. */
    record Flaky(int step) implements Deploy<Integer> {}

    record Params(int steps) {}

    static int answer(int step) {
        return step * 7 % 13;
    }

    static Program<Integer> work(int step) {
        return Program.perform(new Work(step));
    }

    static Program<Integer> sequence(int from, int to) {
        return Program.traverse(List.range(from, to), CrashFlow::work).map(values -> values.sum().intValue());
    }

    /** What the flow yields: the sum of every step's answer. */
    static int expected() {
        return List.range(0, STEPS).map(CrashFlow::answer).sum().intValue();
    }

    static final DurableFlow<Params, Integer> FLOW = DurableFlow.of("crash-flow", Params.class, params -> {
        Program<Integer> sequential = sequence(0, 40);
        Program<Integer> bracket = Program.bracket(work(40), acquired -> sequence(41, 79).map(sum -> sum + acquired), released -> work(79));
        Program<Integer> direct = Program.direct(flow -> {
            int sum = 0;
            for (int step = 80; step < 120; step++) {
                sum += flow.perform(new Work(step));
            }
            return sum;
        });
        Program<Integer> retried = Program.traverse(List.range(120, 160), step -> Program.perform(new Flaky(step)))
                .map(values -> values.sum().intValue());
        Program<Integer> parallel = Program.parallel(List.range(0, 4).map(branch -> sequence(160 + branch * 10, 170 + branch * 10)))
                .map(values -> values.sum().intValue());
        // the bracket's release answer is not in the bracket's value: add it by hand
        // built-in steps between the segments: a sleep (its wake-up time journaled) and a published value
        Program<Void> pause = Program.sleep(java.time.Duration.ofMillis(2)).andThen(Program.publish("progress", "half way"));
        return sequential.flatMap(a -> pause.andThen(bracket).flatMap(b -> direct.flatMap(c -> retried.flatMap(d -> parallel
                .map(e -> a + b + answer(79) + c + d + e)))));
    });

    /** The executor: appends each carried-out step to {@code sideFile}, then tells {@code done}. */
    static Executor executor(Path sideFile, IntConsumer done) {
        PrintStream side;
        try {
            side = new PrintStream(new FileOutputStream(sideFile.toFile(), true), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<Integer> failedOnce = ConcurrentHashMap.newKeySet();
        Executor steps = Executor.of(Deploy.class, action -> switch (action) {
            case Work work -> {
                synchronized (side) {
                    side.println(work.step());
                }
                done.accept(work.step());
                yield answer(work.step());
            }
            case Flaky flaky -> {
                if (failedOnce.add(flaky.step())) {
                    throw new IOException("flaky step " + flaky.step() + " fails its first attempt");
                }
                synchronized (side) {
                    side.println(flaky.step());
                }
                done.accept(flaky.step());
                yield answer(flaky.step());
            }
        });
        return steps.with(Combinators.retried(RetryPolicy.DEFAULT.withBackoff(Backoff.none()).retryingOn(IOException.class)))
                .with(Combinators.parallelize(4));
    }

    private CrashFlow() {}
}
