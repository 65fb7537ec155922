package dev.pureflow;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Try;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Over random direct-style bodies cancelled at a random moment (inside an action, while the body
 * blocks between performs, just after an action answered, inside the cleanup itself, or never),
 * wherever the body runs (alone, nested in another body, in a concurrent parallel branch): the
 * cleanup in the body's {@code finally}, inside {@link Flow#uncancellable}, performs each of its
 * actions exactly once, none of them is interrupted, and a run cancelled before its body returned
 * ends cancelled.
 */
class UncancellableRegionProperties {

    /** Far longer than any try may take: only an interrupt ends these waits. */
    private static final Duration FOREVER = Duration.ofMinutes(10);

    sealed interface Op<R> extends Action<R> {
        record Work(int n) implements Op<Integer> {}

        record Kill(int n) implements Op<Void> {}
    }

    enum Moment { IN_AN_ACTION, BETWEEN_PERFORMS, JUST_AFTER_AN_ACTION, IN_THE_CLEANUP, NEVER }

    enum Place { ALONE, NESTED_IN_A_BODY, IN_A_PARALLEL_BRANCH }

    @Property(tries = 150)
    void cleanup_in_an_uncancellable_region_runs_exactly_once_however_the_body_is_cancelled(
            @ForAll @IntRange(min = 1, max = 6) int steps,
            @ForAll @IntRange(min = 0, max = 5) int cancelAtSeed,
            @ForAll @IntRange(min = 1, max = 3) int kills,
            @ForAll Moment moment,
            @ForAll Place place) throws Exception {
        int cancelAt = cancelAtSeed % steps;
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Map<Integer, Integer> killed = new ConcurrentHashMap<>();
        AtomicInteger interruptedKills = new AtomicInteger();
        Executor executor = Executor.of(Op.class, op -> switch (op) {
            case Op.Work work -> {
                if (work.n() == cancelAt && moment == Moment.IN_AN_ACTION) {
                    reached.countDown();
                    never.await(); // only the cancellation's interrupt ends it
                }
                if (work.n() == cancelAt && moment == Moment.JUST_AFTER_AN_ACTION) {
                    reached.countDown();
                }
                yield work.n();
            }
            case Op.Kill kill -> {
                killed.merge(kill.n(), 1, Integer::sum);
                if (kill.n() == 0 && moment == Moment.IN_THE_CLEANUP) {
                    reached.countDown();
                    try {
                        cancelled.await(); // the cancel lands while the cleanup runs
                    } catch (InterruptedException interrupted) {
                        interruptedKills.incrementAndGet();
                        throw interrupted;
                    }
                }
                yield null;
            }
        });
        Program<Integer> body = Program.direct(f -> {
            try {
                int sum = 0;
                for (int i = 0; i < steps; i++) {
                    sum += f.perform(new Op.Work(i));
                    if (i == cancelAt && moment == Moment.BETWEEN_PERFORMS) {
                        reached.countDown();
                        Thread.sleep(FOREVER);
                    }
                }
                return sum;
            } finally {
                f.uncancellable(() -> {
                    for (int k = 0; k < kills; k++) {
                        f.perform(new Op.Kill(k));
                    }
                    return null;
                });
            }
        });
        Program<Integer> flow = switch (place) {
            case ALONE -> body;
            case NESTED_IN_A_BODY -> Program.direct(f -> f.run(body));
            case IN_A_PARALLEL_BRANCH -> Program.parallel(body, Program.pure(0)).map(values -> values.head());
        };
        RunHandle<Integer> handle = Runner.of(executor.with(parallelize(2))).start(flow);

        if (moment != Moment.NEVER) {
            assertThat(reached.await(60, TimeUnit.SECONDS)).as("the moment to cancel came").isTrue();
            handle.cancel();
            cancelled.countDown();
        }
        Try<Integer> outcome = handle.awaitOutcome();

        for (int k = 0; k < kills; k++) {
            assertThat(killed.get(k)).as("kill %d performed once", k).isEqualTo(1);
        }
        assertThat(killed).hasSize(kills);
        assertThat(interruptedKills).hasValue(0);
        switch (moment) {
            case NEVER -> assertThat(outcome.get()).isEqualTo(steps * (steps - 1) / 2);
            case JUST_AFTER_AN_ACTION -> assertThat(outcome.isSuccess() || outcome.getCause() instanceof CancellationException)
                    .as("a success if the body returned before the cancel, else cancelled: %s", outcome)
                    .isTrue();
            case IN_AN_ACTION, BETWEEN_PERFORMS, IN_THE_CLEANUP ->
                    assertThat(outcome.getCause()).isInstanceOf(CancellationException.class);
        }
    }
}
