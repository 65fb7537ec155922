package dev.pureflow.examples.readme;

import static dev.pureflow.combinators.Combinators.parallelize;
import static dev.pureflow.combinators.Combinators.retried;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.ActionFailedException;
import dev.pureflow.Executor;
import dev.pureflow.PartialExecutor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.UnhandledActionException;
import dev.pureflow.combinators.RetryPolicy;
import dev.pureflow.examples.greeting.Cmd.Fetch;
import dev.pureflow.examples.greeting.Cmd.Greet;
import dev.pureflow.examples.greeting.GreetingFlows;
import dev.pureflow.interpreters.fake.FakeExecutor;
import dev.pureflow.interpreters.fake.RecordingExecutor;
import dev.pureflow.interpreters.fake.ScriptMismatchException;
import dev.pureflow.interpreters.fake.ScriptedExecutor;
import dev.pureflow.interpreters.fake.VirtualClock;
import io.vavr.control.Option;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's "In-memory interpreters and virtual time" section. */
class InMemoryReadmeTest {

    private final Program<Integer> greetAll = GreetingFlows.greetAll();

    @Test
    void fakes_answer_scripts_insist_and_recordings_remember() {
        // README: in-memory
        RecordingExecutor recording = RecordingExecutor.wrapping(FakeExecutor.builder()
                .answer(new Fetch("users", 3), List.of("Ada", "Grace", "Linus")) // this action, this answer
                .on(Greet.class, greet -> null) // any Greet, this handler
                .build());
        assertThat(Runner.of(recording).run(greetAll)).isEqualTo(3);
        assertThat(recording.actions()).containsExactly(
                new Fetch("users", 3), new Greet("Ada"), new Greet("Grace"), new Greet("Linus"));

        ScriptedExecutor script = ScriptedExecutor.builder() // these steps, in this order, and no others
                .expect(new Fetch("users", 3), List.of("Ada"))
                .expect(new Greet("Ada"), null)
                .expect(new Greet("Grace"), null)
                .build();
        assertThat(Runner.of(script).run(greetAll)).isEqualTo(1); // only Ada was fetched, so only she is greeted
        assertThatThrownBy(script::close) // close (or verify) fails on steps left over
                .isInstanceOf(ScriptMismatchException.class)
                .hasMessageStartingWith("1 scripted step(s) were not performed:\n    Greet[name=Grace]");
        // END README
    }

    @Test
    void a_script_names_the_interesting_calls_fakes_the_rest_and_can_require_a_parallel_block() {
        // README: in-memory-script-more
        ScriptedExecutor fetchOnly = ScriptedExecutor.builder() // script the interesting call ...
                .expect(new Fetch("users", 3), List.of("Ada", "Grace", "Linus"))
                .fallback(FakeExecutor.builder().on(Greet.class, greet -> null).build()) // ... and fake the rest
                .build();
        assertThat(Runner.of(fetchOnly).run(greetAll)).isEqualTo(3);
        fetchOnly.verify(); // the Fetch was performed, in its turn

        ScriptedExecutor inOneBlock = ScriptedExecutor.builder()
                .expect(new Fetch("users", 3), List.of("Ada", "Grace"))
                .expectParallel(block -> block.expect(new Greet("Grace"), null).expect(new Greet("Ada"), null))
                .build();
        Runner runner = Runner.of(inOneBlock.with(parallelize(2)))
                .with(options -> options.listener(inOneBlock.listener())); // so the script sees each step's branch
        assertThat(runner.run(GreetingFlows.greetAllInParallel())).isEqualTo(2);
        inOneBlock.verify();
        // END README
    }

    @Test
    void a_script_requiring_a_parallel_block_fails_a_flow_that_greets_one_after_another() {
        ScriptedExecutor inOneBlock = ScriptedExecutor.builder()
                .expect(new Fetch("users", 3), List.of("Ada", "Grace"))
                .expectParallel(block -> block.expect(new Greet("Grace"), null).expect(new Greet("Ada"), null))
                .build();

        assertThatThrownBy(() -> Runner.of(inOneBlock).with(options -> options.listener(inOneBlock.listener())).run(greetAll))
                .cause().isInstanceOf(ScriptMismatchException.class)
                .hasMessageStartingWith("the steps scripted to run in one parallel block did not each run in a branch of their own");
    }

    @Test
    void executors_decline_what_they_do_not_handle_and_the_next_one_takes_it() {
        // README: in-memory-decline
        Executor greetings = Executor.of(Greet.class, greet -> null); // handles only Greet
        Executor world = greetings.orElse(FakeExecutor.of(Map.of(new Fetch("users", 3), List.of("Ada"))));
        assertThat(Runner.of(world).run(greetAll)).isEqualTo(1);

        PartialExecutor adaOnly = action -> action.equals(new Greet("Ada"))
                ? Option.some(null) // answers this greeting ...
                : Option.none(); // ... and declines every other action
        Executor strict = adaOnly.orElse(PartialExecutor.of(Fetch.class, fetch -> List.of("Ada", "Grace"))).orElseUnhandled();
        assertThatThrownBy(() -> Runner.of(strict).run(greetAll)) // nobody takes Greet[name=Grace]
                .cause().isInstanceOf(UnhandledActionException.class)
                .hasMessageStartingWith("no handler for action Greet[name=Grace]");
        // END README
    }

    @Test
    void a_scripted_executor_fails_the_step_that_differs_from_its_script() {
        ScriptedExecutor script = ScriptedExecutor.builder().expect(new Greet("Ada"), null).build();

        assertThatThrownBy(() -> Runner.of(script).run(greetAll))
                .isInstanceOf(ActionFailedException.class)
                .cause()
                .isInstanceOf(ScriptMismatchException.class)
                .hasMessageStartingWith("step 1 was expected to be\n    Greet[name=Ada]\n  but the flow performed\n    Fetch[container=users, n=3]");
        assertThatThrownBy(script::verify).isInstanceOf(ScriptMismatchException.class);
    }

    @Test
    @Timeout(120)
    void retry_delays_and_latencies_pass_in_virtual_time_and_parallel_waits_overlap() {
        // README: virtual-time
        VirtualClock clock = VirtualClock.start();
        AtomicInteger fetches = new AtomicInteger();
        Executor flaky = FakeExecutor.builder()
                .on(Fetch.class, fetch -> {
                    if (fetches.incrementAndGet() <= 2) {
                        throw new IOException("store busy"); // the first two fetches fail
                    }
                    return List.of("Ada", "Grace", "Linus");
                })
                .on(Greet.class, greet -> null)
                .latency(Duration.ofMillis(50), clock) // every action takes 50 ms of the clock's time
                .build();
        RetryPolicy policy = RetryPolicy.DEFAULT.withJitter(0); // waits 100 ms, then 200 ms
        Runner runner = Runner.of(flaky.with(retried(policy, clock)).with(parallelize(3)))
                .with(options -> options.clock(clock)); // the run's own threads take part in its time

        runner.run(GreetingFlows.greetAllInParallel());
        // three fetches of 50 ms with 100 ms and 200 ms between them, then three greetings at once
        assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(50 + 100 + 50 + 200 + 50 + 50));
        // END README
        assertThat(fetches).hasValue(3);
    }
}
