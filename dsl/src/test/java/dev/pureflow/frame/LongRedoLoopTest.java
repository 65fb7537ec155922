package dev.pureflow.frame;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A redo loop of a million iterations runs in constant memory: nothing of an iteration outlives it. */
class LongRedoLoopTest {

    private static final int MILLION = 1_000_000;
    private static final int SAMPLE_EVERY = 250_000;

    @Test
    void a_million_iteration_redo_frame_runs_in_constant_memory() {
        List<Long> usedAfterGc = new ArrayList<>();
        LifecycleFrame<Integer> frame = LifecycleFrame.<Integer>builder(ctx -> ctx.routineMessage().apply("n", Integer.class, n -> n + 1, 0))
                .onEnd(ctx -> Program.defer(() -> {
                    int n = ctx.routineResult().get().get();
                    if (n % SAMPLE_EVERY == 0) {
                        usedAfterGc.add(usedMemoryAfterGc());
                    }
                    return Program.pure(null);
                }))
                // each on_redo reads the latest request, as a frame stopped from outside does
                .onRedo(ctx -> ctx.request().getOrDefault("stop", Boolean.class, false)
                        .map(stop -> !stop && ctx.routineResult().get().get() < MILLION))
                .build();
        Runner runner = Runner.of(Executor.of(Notebook.Note.class, note -> null));

        long start = System.nanoTime();
        FrameOutcome<Integer> outcome = runner.run(frame.program());
        System.out.printf("a %d-iteration frame: %d ms; used memory after GC every %d iterations (MiB): %s%n", MILLION,
                (System.nanoTime() - start) / 1_000_000, SAMPLE_EVERY, usedAfterGc.stream().map(bytes -> bytes >> 20).toList());

        assertThat(outcome.routineValue()).contains(MILLION);
        assertThat(usedAfterGc).hasSize(MILLION / SAMPLE_EVERY);
        long growth = usedAfterGc.get(usedAfterGc.size() - 1) - usedAfterGc.get(0);
        assertThat(growth).as("growth of used memory over %d iterations, in bytes", MILLION - SAMPLE_EVERY).isLessThan(16L << 20);
    }

    private static long usedMemoryAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
