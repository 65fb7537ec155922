package dev.pureflow.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import dev.pureflow.Runner;
import dev.pureflow.examples.greeting.Cmd.Greet;
import dev.pureflow.examples.greeting.GreetingExecutor;
import dev.pureflow.examples.greeting.GreetingFlows;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The README's "Why vavr" section. */
class VavrReadmeTest {

    private final java.util.List<String> lines = new CopyOnWriteArrayList<>();
    private final Executor executor = GreetingExecutor.printingTo(lines::add);
    private final Program<Integer> greetAll = GreetingFlows.greetAll();

    @Test
    void vavr_types_carry_outcomes_results_and_loop_steps() {
        // README: vavr
        Runner runner = Runner.of(executor);
        Try<Integer> outcome = runner.attempt(greetAll); // Try: the value or the error, as a value
        List<Void> greeted = runner.run(
                Program.parTraverse(List.of("Ada", "Grace"), name -> Program.perform(new Greet(name))));
        Program<String> countdown = Program.tailRec(3, n -> n == 0
                ? Program.pure(Either.right("liftoff")) // Right: stop with this value
                : Program.perform(new Greet("T-" + n)).map(done -> Either.left(n - 1))); // Left: go on from n - 1
        RunHandle<String> handle = runner.start(countdown);
        handle.await();
        Option<Try<String>> ended = handle.outcome(); // Option: none while the run is going

        assertThat(outcome).isEqualTo(Try.success(3));
        assertThat(greeted).hasSize(2); // an immutable vavr List, in input order
        assertThat(ended).isEqualTo(Option.some(Try.success("liftoff")));
        // END README
        assertThat(lines).endsWith("Hi, Ada!", "Hi, Grace!", "Hi, T-3!", "Hi, T-2!", "Hi, T-1!");
    }
}
