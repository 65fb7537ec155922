package dev.pureflow.examples.readme;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.BuiltIn;
import dev.pureflow.Combinator;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import dev.pureflow.Runner;
import dev.pureflow.Step;
import dev.pureflow.examples.greeting.Cmd.Greet;
import dev.pureflow.examples.greeting.GreetingExecutor;
import dev.pureflow.examples.greeting.GreetingFlows;
import dev.pureflow.interpreters.fake.FakeExecutor;
import dev.pureflow.interpreters.fake.VirtualClock;
import io.vavr.collection.HashMap;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's "Messages, published values and sleeps" section, and the step keys of "The runner". */
class MessagesReadmeTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Executor executor = GreetingExecutor.printingTo(lines::add);

    @Test
    @Timeout(120)
    void every_step_has_a_key_that_does_not_depend_on_scheduling() {
        // README: step-keys
        List<String> seen = new CopyOnWriteArrayList<>();
        Executor noting = executor.with(Combinator.around((action, next) -> {
            seen.add(Step.current().get().key() + " " + action); // the step this call carries out
            return next.execute(action);
        }));

        Runner.of(noting.with(parallelize(3))).run(GreetingFlows.greetAllInParallel());

        assertThat(seen).containsExactlyInAnyOrder( // the Fetch is step 0 of main, the block step 1
                "main#0 Fetch[container=users, n=3]",
                "main/1/0#0 Greet[name=User0]",
                "main/1/1#0 Greet[name=User1]",
                "main/1/2#0 Greet[name=User2]");
        // END README
    }

    @Test
    @Timeout(120)
    void a_run_reads_the_messages_sent_to_it_and_publishes_values_for_the_outside() {
        // README: messages
        Program<String> deploy = Program.publish("progress", "waiting for approval")
                .andThen(Program.awaitMessage("approver", String.class, Duration.ofHours(1)))
                .flatMap(approver -> approver.isEmpty()
                        ? Program.pure("nobody approved within the hour")
                        : Program.perform(new Greet(approver.get()))
                                .andThen(Program.publish("progress", "deployed"))
                                .map(done -> "deployed, approved by " + approver.get()));

        RunHandle<String> run = Runner.of(executor).start(deploy);
        run.send("approver", "Ada"); // wakes the waiting step (a message is kept, so it may come first)

        assertThat(run.await()).isEqualTo("deployed, approved by Ada");
        assertThat(run.published()).isEqualTo(HashMap.of("progress", "deployed")); // final once ended
        assertThat(run.send("approver", "Grace")).isFalse(); // the run has ended
        // END README
        assertThat(lines).containsExactly("Hi, Ada!");
    }

    @Test
    @Timeout(120)
    void sleeps_and_waits_take_the_runs_clock_so_a_virtual_clock_makes_them_instant() {
        // README: messages-virtual-time
        Program<Integer> poll = Program.tailRec(1, attempt -> Program.readMessage("ready", Boolean.class)
                .flatMap(ready -> ready.isDefined() || attempt == 5
                        ? Program.pure(Either.<Integer, Integer>right(attempt))
                        : Program.sleep(Duration.ofSeconds(30)).map(slept -> Either.<Integer, Integer>left(attempt + 1))));
        VirtualClock clock = VirtualClock.start();

        assertThat(Runner.of(executor).with(options -> options.clock(clock)).run(poll)).isEqualTo(5); // never ready
        assertThat(clock.elapsed()).isEqualTo(Duration.ofMinutes(2)); // four sleeps of 30 s, in no real time
        // END README
    }

    @Test
    @Timeout(120)
    void an_executor_can_be_handed_the_built_in_actions() {
        // README: messages-seam
        List<Duration> naps = new CopyOnWriteArrayList<>();
        Executor noNaps = FakeExecutor.builder()
                .on(BuiltIn.Sleep.class, sleep -> {
                    naps.add(sleep.duration()); // noted, and answered at once: no waiting in a test
                    return null;
                })
                .build()
                .orElse(BuiltIn.runnerAnswers()) // the other built-in actions, as the runner answers them
                .orElse(executor); // and the flow's own actions
        Runner runner = Runner.of(noNaps).with(options -> options.builtIns(BuiltIn.AnsweredBy.EXECUTOR));

        RunHandle<Void> run = runner.start(Program.sleep(Duration.ofDays(1)).andThen(Program.publish("slept", true)));

        run.await();
        assertThat(naps).containsExactly(Duration.ofDays(1));
        assertThat(run.published("slept", Boolean.class).get()).isTrue();
        // END README
    }
}
