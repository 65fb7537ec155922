package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Either;
import io.vavr.control.Try;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Interpretation runs in constant stack whatever the length or nesting of a program: 10 million
 * binds, each way round, and a 10-million-iteration loop, built and run from a platform thread with
 * the default stack size, on a runner whose loop runs on a virtual thread. Tagged {@code stress}: too
 * long to run again for each mutant the mutation profile makes (it excludes the tag; the ordinary
 * build runs it).
 */
@Tag("stress")
class StackSafetyTest {

    private static final int TEN_MILLION = 10_000_000;
    private static final int SAMPLE_EVERY = 1_000_000;

    private final Runner runner = Runner.of(Executor.of(Cmd.class, cmd -> ((Cmd.Get) cmd).n()));

    @Test
    void ten_million_left_nested_flatMaps_run_without_overflow() throws Exception {
        int value = onPlatformThreadWithDefaultStack(() -> {
            Program<Integer> program = Program.pure(0);
            for (int i = 0; i < TEN_MILLION; i++) {
                program = program.flatMap(x -> Program.pure(x + 1));
            }
            return timed("left-nested flatMap", program);
        });

        assertThat(value).isEqualTo(TEN_MILLION);
    }

    @Test
    void ten_million_right_nested_flatMaps_built_by_continuations_run_without_overflow() throws Exception {
        int value = onPlatformThreadWithDefaultStack(() -> timed("right-nested flatMap", countUpFrom(0)));

        assertThat(value).isEqualTo(TEN_MILLION);
    }

    /** {@code pure(i).flatMap(i -> pure(i + 1).flatMap(...))}, each continuation building the rest. */
    private static Program<Integer> countUpFrom(int i) {
        return Program.pure(i).flatMap(n -> n == TEN_MILLION ? Program.pure(n) : countUpFrom(n + 1));
    }

    @Test
    void a_ten_million_iteration_tailRec_loop_runs_without_overflow() throws Exception {
        int value = onPlatformThreadWithDefaultStack(() -> timed("tailRec loop",
                Program.tailRec(0, i -> Program.pure(i < TEN_MILLION ? Either.<Integer, Integer>left(i + 1) : Either.right(i)))));

        assertThat(value).isEqualTo(TEN_MILLION);
    }

    @Test
    void a_ten_million_step_tailRec_loop_does_not_retain_its_steps() throws Exception {
        List<Long> usedAfterGc = new ArrayList<>();
        List<WeakReference<Object>> earlierSteps = new ArrayList<>();
        List<String> retained = new ArrayList<>();
        StepListener sampler = new StepListener() {
            @Override
            public void finished(Step step, Try<Object> outcome, Duration duration) {
                if (step.number() % SAMPLE_EVERY == 0) {
                    usedAfterGc.add(usedMemoryAfterGc());
                    earlierSteps.forEach(ref -> {
                        if (ref.get() != null) {
                            retained.add(String.valueOf(ref.get()));
                        }
                    });
                    earlierSteps.clear();
                    earlierSteps.add(new WeakReference<>(step));
                    earlierSteps.add(new WeakReference<>(step.action()));
                }
            }
        };
        Program<Integer> loop = Program.tailRec(0, i -> Program.perform(new Cmd.Get(i + 1))
                .map(next -> next < TEN_MILLION ? Either.<Integer, Integer>left(next) : Either.right(next)));

        int value = onPlatformThreadWithDefaultStack(() -> timed("tailRec loop performing 10M steps with a listener",
                runner.with(options -> options.listener(sampler)), loop));

        assertThat(value).isEqualTo(TEN_MILLION);
        assertThat(usedAfterGc).hasSize(TEN_MILLION / SAMPLE_EVERY);
        assertThat(retained).as("steps and actions of a million steps ago are garbage").isEmpty();
        long growth = usedAfterGc.get(usedAfterGc.size() - 1) - usedAfterGc.get(0);
        System.out.printf("memory after GC at each million steps (MiB): %s%n",
                usedAfterGc.stream().map(bytes -> bytes >> 20).toList());
        assertThat(growth).as("growth of used memory over 9 million steps, in bytes").isLessThan(32L << 20);
    }

    private <A> A timed(String what, Program<A> program) {
        return timed(what, runner, program);
    }

    private static <A> A timed(String what, Runner runner, Program<A> program) {
        long start = System.nanoTime();
        A value = runner.run(program);
        System.out.printf("10M %s: %d ms%n", what, (System.nanoTime() - start) / 1_000_000);
        return value;
    }

    private static long usedMemoryAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Runs {@code body} on a new platform thread with the default stack size and returns its value. */
    private static <T> T onPlatformThreadWithDefaultStack(Callable<T> body) throws Exception {
        AtomicReference<T> value = new AtomicReference<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                value.set(body.call());
            } catch (Throwable failure) {
                error.set(failure);
            }
        }, "stack-safety");
        assertThat(thread.isVirtual()).isFalse();
        thread.start();
        thread.join();
        if (error.get() != null) {
            throw new AssertionError("the run failed on a default-stack platform thread", error.get());
        }
        return value.get();
    }
}
