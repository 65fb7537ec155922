package dev.pureflow.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.ActionFailedException;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.examples.greeting.Cmd;
import dev.pureflow.examples.greeting.Cmd.Fetch;
import dev.pureflow.examples.greeting.GreetingExecutor;
import dev.pureflow.examples.greeting.GreetingFlows;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

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
    void direct_and_monadic_programs_compose_both_ways() {
        // README: direct-mixing
        Program<Integer> twice = Program.direct(flow -> flow.run(greetAll) + flow.run(greetAll));
        Program<Integer> thrice = twice.flatMap(greeted -> greetAll.map(more -> greeted + more));
        assertThat(Runner.of(executor).run(thrice)).isEqualTo(9);
        // END README
        assertThat(lines).hasSize(12);
    }
}
