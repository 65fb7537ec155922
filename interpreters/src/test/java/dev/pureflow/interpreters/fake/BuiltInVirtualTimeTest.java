package dev.pureflow.interpreters.fake;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Action;
import dev.pureflow.BuiltIn;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import dev.pureflow.Runner;
import dev.pureflow.StepListener;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The built-in waits on a {@link VirtualClock}: a sleep and an await's timeout pass in virtual time,
 * and a message sent before the timeout wakes the await at the virtual moment it was sent.
 */
class BuiltInVirtualTimeTest {

    private static final long PATIENCE_SECONDS = 10;

    /** Sends {@code value} under {@code key} into the run, through its handle. */
    record Send(String key, int value) implements Action<Void> {}

    /** Blocks until the test lets it go: a busy participant, so virtual time stands still meanwhile. */
    record Hold() implements Action<Void> {}

    private final VirtualClock clock = VirtualClock.start();
    private final CompletableFuture<RunHandle<?>> handle = new CompletableFuture<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final Executor executor = Executor.routing()
            .route(Send.class, Executor.of(Send.class, send -> {
                handle.get(PATIENCE_SECONDS, TimeUnit.SECONDS).send(send.key(), send.value());
                return null;
            }))
            .route(Hold.class, Executor.of(Hold.class, hold -> {
                released.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
                return null;
            }))
            .build();
    private final Map<String, Thread> threadOfStep = new ConcurrentHashMap<>();
    private final Runner runner = Runner.of(executor.with(parallelize(2))).with(options -> options.clock(clock)
            .listener(StepListener.onStarted(step -> threadOfStep.put(step.key().toString(), Thread.currentThread()))));

    private <A> RunHandle<A> start(Program<A> flow) {
        RunHandle<A> started = runner.start(flow);
        handle.complete(started);
        return started;
    }

    @Test
    void an_await_message_yields_none_once_its_timeout_has_passed_in_virtual_time() throws Exception {
        Option<String> answer = start(Program.awaitMessage("go", String.class, Duration.ofHours(1)))
                .await(Duration.ofSeconds(PATIENCE_SECONDS));

        assertThat(answer).isEmpty();
        assertThat(clock.elapsed()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void a_sleep_waits_virtual_time_and_now_reads_the_runs_clock() throws Exception {
        Instant origin = clock.instant();

        Instant after = start(Program.sleep(Duration.ofMinutes(5)).andThen(Program.now())).await(Duration.ofSeconds(PATIENCE_SECONDS));

        assertThat(after).isEqualTo(origin.plus(Duration.ofMinutes(5)));
    }

    @Test
    void an_await_message_wakes_when_a_message_is_sent_before_its_timeout() throws Exception {
        Program<List<Option<Integer>>> flow = Program.parallel(
                Program.awaitMessage("go", Integer.class, Duration.ofHours(1)),
                Program.sleep(Duration.ofSeconds(10)).andThen(Program.perform(new Send("go", 7))).map(sent -> Option.<Integer>none()));

        List<Option<Integer>> answers = start(flow).await(Duration.ofSeconds(PATIENCE_SECONDS));

        assertThat(answers.head()).isEqualTo(Option.some(7));
        assertThat(clock.elapsed()).as("woken when the message came, not at the timeout").isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void a_message_from_outside_wakes_an_await_while_a_busy_branch_holds_virtual_time() throws Exception {
        Program<List<Option<Integer>>> flow = Program.parallel(
                Program.awaitMessage("go", Integer.class, Duration.ofHours(1)),
                Program.perform(new Hold()).map(held -> Option.<Integer>none()));
        RunHandle<List<Option<Integer>>> run = start(flow);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!threadOfStep.containsKey("main/0/0#0") || threadOfStep.get("main/0/0#0").getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime()).as("the await is waiting").isLessThan(deadline);
            Thread.onSpinWait();
        }

        assertThat(run.send("go", 3)).isTrue();
        released.countDown();

        assertThat(run.await(Duration.ofSeconds(PATIENCE_SECONDS)).head()).isEqualTo(Option.some(3));
        assertThat(clock.elapsed()).isZero();
    }

    @Test
    void a_thousand_timed_out_awaits_in_a_loop_take_their_virtual_time_and_nothing_else() throws Exception {
        Program<Integer> polls = Program.tailRec(0, n -> n == 1_000
                ? Program.pure(io.vavr.control.Either.right(n))
                : Program.awaitMessage("stop", String.class, Duration.ofMillis(1)).map(stop -> io.vavr.control.Either.left(n + 1)));

        assertThat(start(polls).await(Duration.ofSeconds(PATIENCE_SECONDS))).isEqualTo(1_000);
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void an_executor_given_the_built_ins_can_record_a_sleeps_wake_up_time_and_let_the_runner_wait() throws Exception {
        Map<String, Instant> wakeUps = new ConcurrentHashMap<>();
        Executor journaling = action -> {
            if (action instanceof BuiltIn.Sleep sleep) { // as a journal does: note when the sleep ends
                wakeUps.put(dev.pureflow.Step.current().get().key().toString(), clock.instant().plus(sleep.duration()));
            }
            return BuiltIn.runnerAnswers().execute(action);
        };
        Runner handing = Runner.of(journaling).with(options -> options.clock(clock).builtIns(BuiltIn.AnsweredBy.EXECUTOR));

        Instant woke = handing.run(Program.sleep(Duration.ofSeconds(30)).andThen(Program.now()));

        assertThat(wakeUps).containsExactly(Map.entry("main#0", woke));
        assertThat(clock.elapsed()).isEqualTo(Duration.ofSeconds(30));
    }
}
