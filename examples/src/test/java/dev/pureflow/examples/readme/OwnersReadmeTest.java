package dev.pureflow.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pureflow.owner.OwnerCallTimeoutException;
import dev.pureflow.owner.Processing;
import dev.pureflow.owner.SerialOwner;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's "Serialized owners" section. */
@Timeout(120) // hang detectors: every wait ends on a latch
class OwnersReadmeTest {

    @Test
    void sync_and_oneway_calls_run_one_at_a_time_on_the_owners_loop() throws Exception {
        // README: owner-basics
        try (SerialOwner<Map<String, Integer>> stock = SerialOwner.<Map<String, Integer>>builder("stock", new HashMap<>()).start()) {
            stock.oneway("restock", items -> items.merge("apples", 10, Integer::sum)); // returns at once
            int apples = stock.sync("count", items -> items.get("apples"));             // waits for its turn
            assertThat(apples).isEqualTo(10);

            IOException original = new IOException("scale broken");
            Throwable thrown = catchThrowable(() -> stock.sync("weigh", items -> {
                throw original;
            }));
            assertThat(thrown).isSameAs(original); // the call's own exception, not a wrapper
        }
        // END README
    }

    @Test
    void a_call_that_times_out_before_it_starts_never_runs() throws Exception {
        AtomicInteger counted = new AtomicInteger();
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // README: owner-timeout
        try (SerialOwner<List<String>> owner = SerialOwner.<List<String>>builder("busy", new ArrayList<>()).start()) {
            owner.oneway("long job", log -> {
                busy.countDown();
                release.await(); // the loop is busy until the test releases it
                return log.add("long job");
            });
            busy.await();

            Throwable thrown = catchThrowable(() -> owner.sync("count", Duration.ofMillis(10), log -> counted.incrementAndGet()));

            assertThat(thrown).isInstanceOfSatisfying(OwnerCallTimeoutException.class,
                    timeout -> assertThat(timeout.started()).isFalse());
            assertThat(thrown).hasMessage("call 'count' to owner 'busy' did not start within PT0.01S;"
                    + " it was removed from the queue and will never run");
            release.countDown();
        }
        assertThat(counted).hasValue(0);
        // END README
    }

    @Test
    void a_whitelist_runs_some_calls_now_and_leaves_the_others_waiting() throws Exception {
        // README: owner-loop
        List<String> log = new ArrayList<>();
        SerialOwner<List<String>> owner = SerialOwner.builder("mine", log).build(); // no loop thread: yours
        owner.oneway("write", entries -> entries.add("write 1"));
        owner.oneway("read", entries -> entries.add("read 1"));
        owner.process(Processing.PENDING, Set.of("read")); // only reads now; the write keeps its place
        assertThat(log).containsExactly("read 1");

        owner.oneway("read", entries -> entries.add("read 2"));
        owner.stopProcessing();                           // queued behind the calls waiting now
        owner.oneway("write", entries -> entries.add("write 2"));
        owner.process(Processing.UNTIL_STOPPED);          // runs up to the stop, then returns
        assertThat(log).containsExactly("read 1", "write 1", "read 2");
        owner.close();                                    // fails what still waits: "write 2" never runs
        assertThat(log).containsExactly("read 1", "write 1", "read 2");
        // END README
    }

    @Test
    void a_sync_call_made_inside_a_call_runs_inline() throws Exception {
        try (SerialOwner<List<String>> owner = SerialOwner.<List<String>>builder("reentrant", new ArrayList<>()).start()) {
            SerialOwner<List<String>> self = owner;
            // README: owner-inline
            int size = owner.sync("add twice", log -> {
                log.add("first");
                return self.sync("add again", again -> again.add("second")) ? log.size() : -1; // runs inline
            });
            assertThat(size).isEqualTo(2);
            // END README
        }
    }
}
