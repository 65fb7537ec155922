package dev.pureflow.examples.manager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.StepListener;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * gevent_async's manager scenario: monitors send oneway reports that move units between
 * resources while readers — plain threads and flows — read them, 8 callers at once. Every read sees
 * all units (never a move half done) and a move count that only grows, and every report is applied.
 */
@Timeout(120) // a hang detector
class ManagerTest {

    private static final Map<String, Integer> INITIAL = Map.of("alpha", 400, "beta", 300, "gamma", 300);
    private static final List<String> NAMES = List.of("alpha", "beta", "gamma");
    private static final int REPORTS_PER_MONITOR = 500;
    private static final int READS_PER_READER = 200;

    @Test
    void readers_see_coherent_resources_while_monitors_move_units_with_oneway_reports() throws Exception {
        ConcurrentLinkedQueue<Snapshot> seen = new ConcurrentLinkedQueue<>();
        AtomicInteger readersOutOfOrder = new AtomicInteger();
        List<Thread> callers = new ArrayList<>();
        Snapshot last;
        try (Manager manager = Manager.start(INITIAL)) {
            Runner flows = Runner.of(manager.executor());
            for (int monitor = 0; monitor < 4; monitor++) {
                int seed = monitor;
                callers.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < REPORTS_PER_MONITOR; i++) {
                        manager.report(NAMES.get((seed + i) % 3), NAMES.get((seed + i + 1) % 3), 1 + (i % 7));
                    }
                }));
            }
            for (int reader = 0; reader < 2; reader++) {
                callers.add(Thread.ofVirtual().start(() -> {
                    long previous = -1;
                    for (int i = 0; i < READS_PER_READER; i++) {
                        Snapshot snapshot = uncheckedSnapshot(manager);
                        seen.add(snapshot);
                        if (snapshot.moves() < previous) {
                            readersOutOfOrder.incrementAndGet();
                        }
                        previous = snapshot.moves();
                    }
                }));
            }
            for (int reader = 0; reader < 2; reader++) {
                callers.add(Thread.ofVirtual().start(() -> {
                    List<Snapshot> read = flows.run(readTimes(READS_PER_READER)).asJava();
                    seen.addAll(read);
                    for (int i = 1; i < read.size(); i++) {
                        if (read.get(i).moves() < read.get(i - 1).moves()) {
                            readersOutOfOrder.incrementAndGet();
                        }
                    }
                }));
            }
            assertThat(callers).hasSize(8);
            for (Thread caller : callers) {
                caller.join();
            }
            last = manager.snapshot(); // queued behind every report sent: they have all been applied
        }

        assertThat(seen).hasSize(4 * READS_PER_READER).allSatisfy(snapshot -> assertThat(snapshot.total()).isEqualTo(1000));
        assertThat(readersOutOfOrder).hasValue(0);
        assertThat(last.moves()).isEqualTo(4L * REPORTS_PER_MONITOR);
        assertThat(last.total()).isEqualTo(1000);
    }

    /** A flow that reads the resources {@code times} times, one step each. */
    private static Program<io.vavr.collection.List<Snapshot>> readTimes(int times) {
        return Program.tailRec(io.vavr.collection.List.<Snapshot>empty(), read -> read.size() == times
                ? Program.pure(Either.right(read.reverse()))
                : Program.perform(new ManagerAction.ReadSnapshot()).map(snapshot -> Either.left(read.prepend(snapshot))));
    }

    private static Snapshot uncheckedSnapshot(Manager manager) {
        try {
            return manager.snapshot();
        } catch (Exception e) {
            throw new AssertionError("a read failed", e);
        }
    }

    @Test
    void a_flow_moves_and_reads_through_the_manager_and_each_call_is_a_step_of_the_flow() throws Exception {
        List<String> steps = new ArrayList<>();
        try (Manager manager = Manager.start(INITIAL)) {
            // README: manager-flow
            Runner runner = Runner.of(manager.executor())
                    .with(options -> options.listener(StepListener.onStarted(step -> steps.add(step.action().toString()))));
            Program<Snapshot> rebalance = Program.perform(new ManagerAction.Move("alpha", "beta", 100))
                    .andThen(Program.perform(new ManagerAction.ReadSnapshot()));

            Snapshot after = runner.run(rebalance);

            assertThat(after.units()).containsEntry("alpha", 300).containsEntry("beta", 400);
            assertThat(steps).containsExactly("Move[from=alpha, to=beta, count=100]", "ReadSnapshot[]");
            // END README
        }
    }

    @Test
    void a_report_sent_after_the_manager_closed_is_refused() throws Exception {
        Manager manager = Manager.start(INITIAL);
        // README: manager-reports
        manager.report("alpha", "beta", 10);  // returns at once: the move waits its turn on the manager's loop
        manager.report("beta", "gamma", 5);
        Snapshot snapshot = manager.snapshot(); // waits for its turn, behind both reports
        assertThat(snapshot.moves()).isEqualTo(2);
        assertThat(snapshot.units()).isEqualTo(Map.of("alpha", 390, "beta", 305, "gamma", 305));
        manager.close();
        assertThat(manager.report("alpha", "beta", 1)).isFalse(); // closed: dropped, and logged
        // END README
    }
}
