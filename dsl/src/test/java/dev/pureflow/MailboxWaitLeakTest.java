package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.watch.SystemClockForwarder;
import io.vavr.control.Option;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A wait for a message that timed out leaves nothing behind in the run's {@link Mailbox}: neither
 * its future nor its key. A long run that polls a key with a timeout ({@code awaitMessage} in a
 * loop) would otherwise keep one entry per timed-out wait until a message came under that key, or
 * for ever. Seen from outside, with no seam: the key is a fresh {@code String} and the wait's
 * future the one the clock was handed, both then held only weakly by the test, while the mailbox
 * stays strongly reachable; garbage collection must clear both (issue 15: not forgetting the wait,
 * and three ways of half forgetting it, survived every test).
 */
class MailboxWaitLeakTest {

    /** Collections asked for before a referent still there counts as kept: each full collection clears every weak referent it can. */
    private static final int COLLECTIONS = 50;

    /**
     * A clock on which every timed wait times out at once, holding weakly each stage it was handed
     * (the wait's future).
     */
    private static final class TimingOutClock extends SystemClockForwarder {
        final List<WeakReference<Object>> stages = new CopyOnWriteArrayList<>();

        @Override
        public boolean await(CompletionStage<?> stage, Duration timeout) {
            stages.add(new WeakReference<>(stage));
            return false;
        }
    }

    private final TimingOutClock clock = new TimingOutClock();

    /** A timed-out wait under a fresh key that only the mailbox could keep; the key, held weakly. */
    private WeakReference<Object> timedOutWait(Mailbox mailbox, String text) throws InterruptedException {
        return waitOnce(mailbox, text, Option.none());
    }

    /**
     * A wait under a fresh key {@code text} that answers {@code expected} (a message already there)
     * or times out; the key, held weakly. The key's only strong reference is in this method's frame,
     * gone when it returns.
     */
    private WeakReference<Object> waitOnce(Mailbox mailbox, String text, Option<Object> expected) throws InterruptedException {
        String key = new String(text.toCharArray());
        assertThat(mailbox.await(key, Object.class, Duration.ofMillis(5), clock)).isEqualTo(expected);
        return new WeakReference<>(key);
    }

    /** Whether every referent is gone once garbage collection ran at most {@link #COLLECTIONS} times. */
    private static boolean collected(List<? extends WeakReference<?>> references) {
        for (int i = 0; i < COLLECTIONS; i++) {
            if (references.stream().allMatch(reference -> reference.get() == null)) {
                return true;
            }
            System.gc();
            Thread.onSpinWait();
        }
        return references.stream().allMatch(reference -> reference.get() == null);
    }

    @Test
    void a_wait_that_timed_out_keeps_neither_its_key_nor_its_future() throws Exception {
        Mailbox mailbox = new Mailbox(MessageGate.OPEN);

        WeakReference<Object> key = timedOutWait(mailbox, "polled");

        assertThat(clock.stages).hasSize(1);
        assertThat(collected(List.of(key))).as("the key of the timed-out wait was let go").isTrue();
        assertThat(collected(clock.stages)).as("the future of the timed-out wait was let go").isTrue();
        Reference.reachabilityFence(mailbox);
    }

    @Test
    void many_timed_out_waits_on_many_keys_keep_nothing() throws Exception {
        Mailbox mailbox = new Mailbox(MessageGate.OPEN);
        List<WeakReference<Object>> keys = new ArrayList<>();

        for (int round = 0; round < 100; round++) {
            keys.add(timedOutWait(mailbox, "polled-" + round % 10));
        }

        assertThat(clock.stages).hasSize(100);
        assertThat(collected(keys)).as("the keys of the timed-out waits were let go").isTrue();
        assertThat(collected(clock.stages)).as("the futures of the timed-out waits were let go").isTrue();
        // the mailbox still works for a key polled before: a message sent there is read
        assertThat(mailbox.send("polled-3", "here")).isTrue();
        assertThat(mailbox.await("polled-3", String.class, Duration.ofMillis(5), clock)).isEqualTo(Option.some("here"));
        Reference.reachabilityFence(mailbox);
    }

    /** One operation on a mailbox: a wait that times out, or a send, under key {@code key-n}. */
    record Op(boolean send, int key) {}

    @Property(tries = 25)
    void any_sequence_of_timed_out_waits_and_sends_leaves_no_wait_behind(@ForAll("ops") List<Op> ops) throws Exception {
        Mailbox mailbox = new Mailbox(MessageGate.OPEN);
        List<WeakReference<Object>> waitedKeys = new ArrayList<>();
        java.util.Map<String, Object> sent = new java.util.HashMap<>();

        for (Op op : ops) {
            String text = "key-" + op.key();
            if (op.send()) {
                // a key object of its own: the mailbox keeps this one as the message's key, not the waits'
                assertThat(mailbox.send(new String(text.toCharArray()), op)).isTrue();
                sent.put(text, op);
            } else {
                // a key sent to before answers at once; any other wait times out
                waitedKeys.add(waitOnce(mailbox, text, Option.of(sent.get(text))));
            }
        }

        assertThat(collected(waitedKeys)).as("no key of a wait is kept").isTrue();
        assertThat(collected(clock.stages)).as("no future of a wait is kept").isTrue();
        assertThat(mailbox.messages().toJavaMap()).isEqualTo(sent);
        Reference.reachabilityFence(mailbox);
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        return Arbitraries.integers().between(0, 3).flatMap(key -> Arbitraries.of(true, false).map(send -> new Op(send, key)))
                .list().ofMaxSize(20);
    }
}
