package dev.pureflow.combinators;

import static dev.pureflow.combinators.Combinators.logged;
import static dev.pureflow.combinators.Combinators.parallelize;
import static dev.pureflow.combinators.Combinators.retried;
import static dev.pureflow.combinators.Combinators.timed;
import static dev.pureflow.combinators.Combinators.timeout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.watch.RecordingLogger;
import io.vavr.collection.List;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The standard combinators stacked as the {@link Combinators} Javadoc shows, each in its place. */
class CombinatorStackTest {

    @Test
    void the_documented_stack_retries_inside_timing_and_logging_and_runs_branches_in_parallel() {
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        Executor base = Executor.of(Task.class, task -> {
            String name = ((Task.Work) task).name();
            if (attempts.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet() == 1 && name.startsWith("flaky")) {
                throw new IOException(name + " failed once");
            }
            return name;
        });
        java.util.List<Timing> timings = new CopyOnWriteArrayList<>();
        RecordingLogger logger = new RecordingLogger();

        Executor executor = base
                .with(timeout(Duration.ofSeconds(30)))
                .with(retried(RetryPolicy.DEFAULT.withBackoff(Backoff.none()).withJitter(0)))
                .with(timed(timings::add))
                .with(logged(options -> options.logger(logger)))
                .with(parallelize(4));

        List<String> names = Runner.of(executor).run(Program.parallel(
                List.of("a", "flaky-b", "c", "flaky-d").map(name -> Program.perform(new Task.Work(name)))));

        assertThat(names).containsExactly("a", "flaky-b", "c", "flaky-d");
        assertThat(executor.parallelism()).isEqualTo(4);
        assertThat(attempts.get("flaky-b")).hasValue(2);
        assertThat(attempts.get("a")).hasValue(1);
        assertThat(timings).as("timed sits outside retried: one timing per action").hasSize(4).allMatch(Timing::succeeded);
        assertThat(logger.lines()).as("logged sits outside retried: no failed line").hasSize(8).noneMatch(line -> line.startsWith("WARN"));
    }
}
