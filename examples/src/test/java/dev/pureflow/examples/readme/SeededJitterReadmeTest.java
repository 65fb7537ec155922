package dev.pureflow.examples.readme;

import static dev.pureflow.combinators.Combinators.retried;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Combinator;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.combinators.RetryPolicy;
import dev.pureflow.examples.greeting.Cmd.Fetch;
import dev.pureflow.examples.greeting.GreetingExecutor;
import dev.pureflow.examples.greeting.GreetingFlows;
import dev.pureflow.interpreters.fake.VirtualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The README's "retried" section: seeded jitter. */
class SeededJitterReadmeTest {

    private final Program<Integer> greetAll = GreetingFlows.greetAll();

    /** The greeting world whose first two Fetches fail. */
    private static Executor busyTwice() {
        AtomicInteger fetches = new AtomicInteger();
        return GreetingExecutor.printingTo(line -> {}).with(Combinator.around((action, next) -> {
            if (action instanceof Fetch && fetches.incrementAndGet() <= 2) {
                throw new IOException("store busy");
            }
            return next.execute(action);
        }));
    }

    @Test
    void a_seeded_policy_waits_the_same_jittered_delays_in_every_run() {
        // README: retried-seeded
        RetryPolicy seeded = RetryPolicy.DEFAULT.withJitterSeed(42); // 20% jitter, drawn from the seed
        List<Duration> waited = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            VirtualClock clock = VirtualClock.start();
            Executor patient = busyTwice().with(retried(seeded, clock)); // its first two Fetches fail
            Runner.of(patient).with(options -> options.clock(clock)).run(greetAll);
            waited.add(clock.elapsed());
        }
        assertThat(waited.get(1)).isEqualTo(waited.get(0)); // the same seed, the same delays
        assertThat(waited.get(0)).isBetween(Duration.ofMillis(240), Duration.ofMillis(300)); // 100 + 200 ms, less up to 20%
        // END README
        assertThat(waited.get(0)).as("jitter was applied").isLessThan(Duration.ofMillis(300));
    }
}
