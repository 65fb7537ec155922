package dev.pureflow.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.examples.greeting.Cmd.Fetch;
import dev.pureflow.examples.greeting.Cmd.Greet;
import dev.pureflow.examples.greeting.GreetingExecutor;
import dev.pureflow.examples.greeting.GreetingFlows;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.control.Try;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The README's "Programs and operations" section. */
class ProgramsReadmeTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Executor executor = GreetingExecutor.printingTo(lines::add);
    private final Program<Integer> greetAll = GreetingFlows.greetAll();

    @Test
    void operations_build_programs_that_do_nothing_until_run() {
        // README: operations
        Program<Integer> userCount = Program.perform(new Fetch("users", 3)).map(List::size);
        Program<Tuple2<List<String>, List<String>>> both = Program.zip(
                Program.perform(new Fetch("users", 1)), Program.perform(new Fetch("admins", 2)));
        Program<List<String>> orGuest = Program.<List<String>>fail(new IOException("store is down"))
                .recover(error -> List.of("Guest"));
        Program<Try<Integer>> tried = greetAll.attempt();
        Program<Integer> politely = greetAll.ensuring(Program.perform(new Greet("everyone")));
        assertThat(lines).isEmpty(); // building programs did nothing

        Runner runner = Runner.of(executor);
        assertThat(runner.run(userCount)).isEqualTo(3);
        assertThat(runner.run(both)).isEqualTo(Tuple.of(List.of("User0"), List.of("User0", "User1")));
        assertThat(runner.run(orGuest)).containsExactly("Guest");
        assertThat(runner.run(tried)).isEqualTo(Try.success(3));
        assertThat(runner.run(politely)).isEqualTo(3);
        assertThat(lines).endsWith("Hi, User2!", "Hi, everyone!");
        // END README
    }
}
