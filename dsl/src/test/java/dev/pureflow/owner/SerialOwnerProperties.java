package dev.pureflow.owner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The owner's invariants under 8 concurrent callers, whatever mix of calls they make: no two calls
 * ever overlap, and every accepted call runs exactly once — except a timed-out call its caller was
 * told had not started, which never runs. Counted with atomic counters, never timed.
 */
class SerialOwnerProperties {

    private static final int CALLERS = 8;

    /** How one caller calls: wait for the answer, wait at most a nanosecond, or not wait at all. */
    enum Way { SYNC, SYNC_WITH_TINY_TIMEOUT, ONEWAY }

    /** Detects overlapping calls: the count of calls inside the owner must never exceed one. */
    static final class Counters {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();
        final AtomicIntegerArray runs;

        Counters(int calls) {
            runs = new AtomicIntegerArray(calls);
        }

        int run(int id) {
            if (inside.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            Thread.yield(); // give an overlapping call every chance to show
            runs.incrementAndGet(id);
            inside.decrementAndGet();
            return id;
        }
    }

    @Property(tries = 40)
    void no_two_calls_overlap_and_every_accepted_call_runs_exactly_once(@ForAll("plans") List<List<Way>> plans) throws Exception {
        int calls = plans.stream().mapToInt(List::size).sum();
        Counters counters = new Counters(calls);
        Set<Integer> neverStarted = ConcurrentHashMap.newKeySet();
        Set<Integer> wrongAnswers = ConcurrentHashMap.newKeySet();
        List<Thread> callers = new ArrayList<>();
        SerialOwner<Counters> owner = SerialOwner.builder("counted", counters).start();
        int firstId = 0;
        for (List<Way> plan : plans) {
            int first = firstId;
            callers.add(Thread.ofVirtual().start(() -> call(owner, plan, first, neverStarted, wrongAnswers)));
            firstId += plan.size();
        }
        for (Thread caller : callers) {
            caller.join();
        }
        owner.stopProcessing(); // queued behind every call accepted so far: they all run first
        owner.close();

        assertThat(counters.overlaps).hasValue(0);
        assertThat(wrongAnswers).isEmpty();
        for (int id = 0; id < calls; id++) {
            assertThat(counters.runs.get(id)).as("runs of call %d", id).isEqualTo(neverStarted.contains(id) ? 0 : 1);
        }
    }

    private static void call(SerialOwner<Counters> owner, List<Way> plan, int firstId, Set<Integer> neverStarted, Set<Integer> wrongAnswers) {
        for (int i = 0; i < plan.size(); i++) {
            int id = firstId + i;
            try {
                switch (plan.get(i)) {
                    case SYNC -> {
                        int answer = owner.sync("call" + id, counters -> counters.run(id));
                        if (answer != id) {
                            wrongAnswers.add(id);
                        }
                    }
                    case SYNC_WITH_TINY_TIMEOUT -> {
                        try {
                            owner.sync("call" + id, Duration.ofNanos(1), counters -> counters.run(id));
                        } catch (OwnerCallTimeoutException timeout) {
                            if (!timeout.started()) {
                                neverStarted.add(id);
                            }
                        }
                    }
                    case ONEWAY -> owner.oneway("call" + id, counters -> counters.run(id));
                }
            } catch (Exception unexpected) {
                throw new AssertionError("call " + id + " failed", unexpected);
            }
        }
    }

    @Provide
    Arbitrary<List<List<Way>>> plans() {
        return Arbitraries.of(Way.class).list().ofMaxSize(30).list().ofSize(CALLERS);
    }
}
