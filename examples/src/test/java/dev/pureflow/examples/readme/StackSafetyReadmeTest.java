package dev.pureflow.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.examples.greeting.GreetingExecutor;
import io.vavr.control.Either;
import org.junit.jupiter.api.Test;

/** The README's "Stack safety" section. */
class StackSafetyReadmeTest {

    private final Executor executor = GreetingExecutor.printingTo(line -> {});

    @Test
    void long_chains_and_loops_run_in_constant_stack() {
        // README: stack-safety
        Program<Integer> chain = Program.pure(0);
        for (int i = 0; i < 1_000_000; i++) {
            chain = chain.flatMap(n -> Program.pure(n + 1)); // a million left-nested binds
        }
        Program<Integer> loop = Program.tailRec(0, n -> // a million loop iterations
                Program.pure(n < 1_000_000 ? Either.left(n + 1) : Either.right(n)));
        assertThat(Runner.of(executor).run(chain)).isEqualTo(1_000_000);
        assertThat(Runner.of(executor).run(loop)).isEqualTo(1_000_000);
        // END README
    }
}
