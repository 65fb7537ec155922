package dev.pureflow.interpreters.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pureflow.owner.OwnerCallTimeoutException;
import dev.pureflow.owner.SerialOwner;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A serialized owner on a virtual clock: its idle loop waits through the clock, so it never holds
 * virtual time still, and a call's timeout passes in virtual time while the owner is busy.
 */
@Timeout(120) // a hang detector: virtual time makes every wait below instant
class SerialOwnerInVirtualTimeTest {

    @Test
    void an_idle_owner_lets_virtual_time_pass() throws Exception {
        VirtualClock clock = VirtualClock.start();
        try (SerialOwner<StringBuilder> owner = SerialOwner.builder("idle", new StringBuilder()).clock(clock).start()) {
            clock.sleep(Duration.ofHours(1)); // the owner's loop is a participant: it must be seen waiting

            assertThat(clock.elapsed()).isEqualTo(Duration.ofHours(1));
        }
    }

    @Test
    void a_sync_call_times_out_in_virtual_time_while_the_owner_is_busy_and_never_runs() throws Exception {
        VirtualClock clock = VirtualClock.start();
        AtomicInteger lateRuns = new AtomicInteger();
        try (SerialOwner<StringBuilder> owner = SerialOwner.builder("busy", new StringBuilder()).clock(clock).start()) {
            // The caller is a participant from here on and queues the long job itself, so no virtual
            // time passes before it waits for its own call.
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            CompletableFuture<Duration> gaveUpAt = new CompletableFuture<>();
            clock.startThread("caller", () -> {
                owner.oneway("long job", log -> {
                    clock.sleep(Duration.ofMinutes(10));
                    return log.append("long job");
                });
                Throwable late = catchThrowable(() -> owner.sync("late", Duration.ofSeconds(30), log -> lateRuns.incrementAndGet()));
                gaveUpAt.complete(clock.elapsed()); // still a busy participant here: time stands still
                outcome.complete(late);
            });
            Throwable thrown = outcome.get();

            assertThat(thrown).isInstanceOfSatisfying(OwnerCallTimeoutException.class, timeout -> assertThat(timeout.started()).isFalse());
            assertThat(gaveUpAt.get()).isEqualTo(Duration.ofSeconds(30));
            String log = owner.sync("read", StringBuilder::toString);
            assertThat(log).isEqualTo("long job");
            assertThat(clock.elapsed()).isEqualTo(Duration.ofMinutes(10));
        }
        assertThat(lateRuns).hasValue(0);
    }
}
