package dev.pureflow.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.ActionFailedException;
import dev.pureflow.Executor;
import dev.pureflow.FlowTimeoutException;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.examples.greeting.Cmd;
import dev.pureflow.examples.greeting.Cmd.Fetch;
import dev.pureflow.examples.greeting.Cmd.Greet;
import dev.pureflow.examples.greeting.GreetingExecutor;
import dev.pureflow.examples.greeting.GreetingFlows;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's "Direct style" section. */
class DirectStyleReadmeTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Executor executor = GreetingExecutor.printingTo(lines::add);
    private final Program<Integer> greetAll = GreetingFlows.greetAll();

    @Test
    void a_failed_action_is_thrown_at_the_perform_call() {
        // README: direct-errors
        Executor storeDown = Executor.of(Cmd.class, cmd -> {
            throw new IOException("store is down");
        });
        Program<String> firstUser = Program.direct(flow -> {
            try {
                return flow.perform(new Fetch("users", 1)).getFirst();
            } catch (ActionFailedException failed) { // failed.getCause() is the IOException
                return "nobody";
            }
        });
        assertThat(Runner.of(storeDown).run(firstUser)).isEqualTo("nobody");
        // END README
    }

    @Test
    @Timeout(60) // a hang detector: the run ends at its 100 ms deadline
    void a_cleanup_in_an_uncancellable_region_still_runs_after_the_deadline() {
        Executor stuck = new Stuck(lines::add).executor; // a Fetch never answers; a Greet prints
        // README: direct-cleanup
        Program<Integer> greetThenTidyUp = Program.direct(flow -> {
            try {
                return flow.perform(new Fetch("users", 3)).size(); // hangs until the deadline
            } finally {
                flow.uncancellable(() -> flow.perform(new Greet("tidy-up"))); // runs all the same
            }
        });
        Runner impatient = Runner.of(stuck).with(options -> options.timeout(Duration.ofMillis(100)));
        assertThatThrownBy(() -> impatient.run(greetThenTidyUp)).isInstanceOf(FlowTimeoutException.class);
        assertThat(lines).containsExactly("Hi, tidy-up!");
        // END README
    }

    @Test
    @Timeout(60) // a hang detector: the run ends at its 100 ms deadline
    void a_body_blocked_between_performs_is_interrupted_by_the_deadline() {
        // README: direct-interrupted
        Program<Integer> napping = Program.direct(flow -> {
            Thread.sleep(Duration.ofHours(1)); // blocking between performs: the deadline interrupts it
            return flow.run(greetAll);
        });
        Runner impatient = Runner.of(executor).with(options -> options.timeout(Duration.ofMillis(100)));
        assertThatThrownBy(() -> impatient.run(napping)).isInstanceOf(FlowTimeoutException.class);
        assertThat(lines).isEmpty(); // nothing was greeted
        // END README
    }

    @Test
    void direct_and_monadic_programs_compose_both_ways() {
        // README: direct-mixing
        Program<Integer> twice = Program.direct(flow -> flow.run(greetAll) + flow.run(greetAll));
        Program<Integer> thrice = twice.flatMap(greeted -> greetAll.map(more -> greeted + more));
        assertThat(Runner.of(executor).run(thrice)).isEqualTo(9);
        // END README
        assertThat(lines).hasSize(12);
    }
}
