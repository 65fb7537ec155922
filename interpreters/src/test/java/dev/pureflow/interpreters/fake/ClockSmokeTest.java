package dev.pureflow.interpreters.fake;

import static dev.pureflow.combinators.Combinators.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.*;
import dev.pureflow.combinators.*;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClockSmokeTest {
    record Nap(long ms) implements Action<Long> {}

    @Test
    void parallel_sleeps_take_max_and_timeout_and_retry() {
        VirtualClock clock = VirtualClock.start();
        Executor napper = Executor.of(Nap.class, nap -> { clock.sleep(Duration.ofMillis(nap.ms())); return nap.ms(); });
        Runner runner = Runner.of(napper.with(parallelize(4))).with(o -> o.clock(clock));
        long t0 = System.nanoTime();
        assertThat(runner.run(Program.parallel(Program.perform(new Nap(1000)), Program.perform(new Nap(3000)), Program.perform(new Nap(2000))))).containsExactly(1000L, 3000L, 2000L);
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(3));
        Runner timeouts = Runner.of(napper.with(timeout(Duration.ofSeconds(5), clock))).with(o -> o.clock(clock));
        assertThatThrownBy(() -> timeouts.run(Program.perform(new Nap(60_000)))).isInstanceOf(ActionFailedException.class).hasRootCauseInstanceOf(ActionTimeoutException.class);
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(8));
        AtomicInteger calls = new AtomicInteger();
        Executor flaky = Executor.of(Nap.class, nap -> { if (calls.incrementAndGet() < 3) throw new java.io.IOException("flaky"); return 1L; });
        Runner retrying = Runner.of(flaky.with(retried(RetryPolicy.DEFAULT.withJitter(0).withMaxAttempts(3), clock))).with(o -> o.clock(clock));
        assertThat(retrying.run(Program.perform(new Nap(1)))).isEqualTo(1L);
        assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(8300));
        Runner deadline = Runner.of(napper).with(o -> o.clock(clock).timeout(Duration.ofSeconds(10)));
        assertThatThrownBy(() -> deadline.run(Program.perform(new Nap(100_000)))).isInstanceOf(FlowTimeoutException.class);
        assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(18300));
        System.out.println("real ms: " + (System.nanoTime() - t0) / 1_000_000);
    }
}
