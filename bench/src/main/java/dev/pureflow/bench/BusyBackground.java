package dev.pureflow.bench;

import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Two busy platform threads competing for the cores while a benchmark runs: a benchmark that takes
 * this state measures its step on a machine whose cores are already taken, as orchestration often
 * runs. They spin on arithmetic (no {@code Thread.onSpinWait}, no sleeping) from the trial's set-up
 * to its tear-down, warm-up included. Used by JMH on one thread per trial; not for other use.
 */
@State(Scope.Benchmark)
public class BusyBackground {

    /** As many as the machine this suite is sized for has cores. */
    static final int THREADS = 2;

    private final List<Thread> spinners = new ArrayList<>();
    private volatile boolean spinning;
    /** Where each spinner leaves its last value, so that the JIT cannot drop the loop as dead. */
    private volatile long sink;

    @Setup(Level.Trial)
    public void start() {
        spinning = true;
        for (int i = 0; i < THREADS; i++) {
            spinners.add(Thread.ofPlatform().daemon().name("busy-background-" + i).start(this::spin));
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        spinning = false;
        for (Thread spinner : spinners) {
            spinner.join();
        }
        spinners.clear();
    }

    private void spin() {
        long value = Thread.currentThread().threadId();
        while (spinning) {
            value = value * 6364136223846793005L + 1442695040888963407L; // an LCG step: cheap, never constant
        }
        sink = value;
    }
}
