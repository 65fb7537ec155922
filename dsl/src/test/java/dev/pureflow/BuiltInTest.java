package dev.pureflow;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The built-in actions, answered by the runner from the run's clock and maps, and the run handle's
 * side of them: sending messages in and reading published values out.
 */
class BuiltInTest {

    private static final Duration LONG = Duration.ofHours(1);

    private final World world = new World();
    /** The thread carrying out each step, by key: a test waits until a waiting step's thread is parked. */
    private final java.util.Map<String, Thread> threadOfStep = new ConcurrentHashMap<>();
    private final java.util.List<Step> steps = new CopyOnWriteArrayList<>();
    private final Runner runner = Runner.of(world.executor()).with(options -> options.listener(StepListener.onStarted(step -> {
        steps.add(step);
        threadOfStep.put(step.key().toString(), Thread.currentThread());
    })));

    /** Waits until the step with {@code key} is parked waiting (on a message, a sleep). */
    private void awaitWaiting(String key) {
        assertThat(Awaiting.until(() -> threadOfStep.containsKey(key))).as("step %s started", key).isTrue();
        Thread thread = threadOfStep.get(key);
        assertThat(Awaiting.until(() -> thread.getState() == Thread.State.TIMED_WAITING || thread.getState() == Thread.State.WAITING))
                .as("step %s waits", key).isTrue();
    }

    /** The run's outcome, waiting for it with a deadline that only detects a hang. */
    private static <A> Try<A> outcomeOf(RunHandle<A> handle) throws Exception {
        java.util.concurrent.CompletableFuture<Try<A>> ended = new java.util.concurrent.CompletableFuture<>();
        handle.onComplete(ended::complete);
        return ended.get(World.PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void built_in_actions_are_steps_the_listener_sees_and_the_executor_never_does() {
        Program<Instant> flow = Program.publish("phase", "starting")
                .andThen(Program.sleep(Duration.ZERO))
                .andThen(Program.readMessage("anything", String.class))
                .andThen(Program.now());

        Instant now = runner.run(flow);

        assertThat(now).isNotNull();
        assertThat(steps).extracting(Step::action).containsExactly(
                new BuiltIn.Publish("phase", "starting"), new BuiltIn.Sleep(Duration.ZERO),
                new BuiltIn.ReadMessage<>("anything", String.class), new BuiltIn.Now());
        assertThat(steps).extracting(step -> step.key().toString()).containsExactly("main#0", "main#1", "main#2", "main#3");
        assertThat(world.performed).isEmpty();
    }

    @Test
    void read_message_yields_the_latest_value_sent_and_does_not_consume_it() throws Exception {
        Program<List<Option<Integer>>> flow = Program.awaitMessage("go", String.class, LONG)
                .andThen(Program.sequence(List.of(
                        Program.readMessage("count", Integer.class),
                        Program.readMessage("count", Integer.class),
                        Program.readMessage("missing", Integer.class))));
        RunHandle<List<Option<Integer>>> handle = runner.start(flow);

        assertThat(handle.send("count", 1)).isTrue();
        assertThat(handle.send("count", 2)).isTrue(); // replaces 1
        assertThat(handle.send("go", "now")).isTrue();

        assertThat(handle.await(Duration.ofSeconds(World.PATIENCE_SECONDS)))
                .containsExactly(Option.some(2), Option.some(2), Option.none());
        assertThat(handle.messages()).isEqualTo(HashMap.of("count", 2, "go", "now"));
    }

    @Test
    void await_message_wakes_when_a_message_is_sent() throws Exception {
        RunHandle<Option<String>> handle = runner.start(Program.awaitMessage("go", String.class, LONG));
        awaitWaiting("main#0");

        assertThat(handle.isDone()).isFalse();
        handle.send("go", "now");

        assertThat(handle.await(Duration.ofSeconds(World.PATIENCE_SECONDS))).isEqualTo(Option.some("now"));
    }

    @Test
    void every_branch_awaiting_a_key_wakes_with_the_message() throws Exception {
        Program<List<Option<Integer>>> flow = Program.parallel(List.fill(3, Program.awaitMessage("go", Integer.class, LONG)));
        RunHandle<List<Option<Integer>>> handle = Runner.of(world.executor().with(parallelize(3)))
                .with(options -> options.listener(StepListener.onStarted(step -> threadOfStep.put(step.key().toString(), Thread.currentThread()))))
                .start(flow);
        for (int i = 0; i < 3; i++) {
            awaitWaiting("main/0/" + i + "#0");
        }

        handle.send("go", 7);

        assertThat(handle.await(Duration.ofSeconds(World.PATIENCE_SECONDS))).containsOnly(Option.some(7)).hasSize(3);
    }

    @Test
    void a_wait_that_timed_out_leaves_the_other_waits_for_its_key_to_be_woken() throws Exception {
        // branch 0 waits long for "go"; branch 1 passes the gate only then, and its own short wait for "go" times out
        Program<Object> longWait = Program.awaitMessage("go", String.class, LONG).map(got -> got);
        Program<Object> shortWait = Program.perform(new Cmd.Gate("after the long wait started"))
                .flatMap(passed -> Program.awaitMessage("go", String.class, Duration.ofMillis(1)))
                .flatMap(none -> Program.perform(new Cmd.Note("short wait over")).map(noted -> none));
        RunHandle<List<Object>> handle = Runner.of(world.executor().with(parallelize(2)))
                .with(options -> options.listener(StepListener.onStarted(step -> threadOfStep.put(step.key().toString(), Thread.currentThread()))))
                .start(Program.parallel(List.of(longWait, shortWait)));
        awaitWaiting("main/0/0#0");
        world.awaitAtGate(1);
        world.openGate();
        assertThat(Awaiting.until(() -> world.performed.contains(new Cmd.Note("short wait over")))).as("short wait timed out").isTrue();

        handle.send("go", "now");

        assertThat(handle.await(Duration.ofSeconds(World.PATIENCE_SECONDS))).containsExactly(Option.some("now"), Option.none());
    }

    @Test
    void await_message_answers_at_once_when_a_value_is_there_and_none_when_its_timeout_passes() throws Exception {
        Program<List<Option<String>>> flow = Program.awaitMessage("first", String.class, LONG)
                .flatMap(first -> Program.awaitMessage("never", String.class, Duration.ofMillis(1)).map(never -> List.of(first, never)));
        RunHandle<List<Option<String>>> handle = runner.start(flow);
        handle.send("first", "here");

        assertThat(handle.await(Duration.ofSeconds(World.PATIENCE_SECONDS))).containsExactly(Option.some("here"), Option.none());
    }

    @Test
    void after_an_await_message_timed_out_another_thread_can_still_send_to_the_run() throws Exception {
        Program<Option<String>> flow = Program.awaitMessage("never", String.class, Duration.ofMillis(1))
                .flatMap(never -> Program.awaitMessage("go", String.class, LONG));
        RunHandle<Option<String>> handle = runner.start(flow);
        awaitWaiting("main#1");

        // the timed-out wait was forgotten on the run's thread; this send takes the same lock from another
        assertThat(handle.send("go", "now")).isTrue();
        assertThat(handle.await(Duration.ofSeconds(World.PATIENCE_SECONDS))).contains("now");
    }

    @Test
    void a_message_of_the_wrong_type_fails_the_reading_step_naming_the_key_and_both_types() throws Exception {
        RunHandle<Option<Integer>> handle = runner.start(Program.awaitMessage("attempts", String.class, LONG)
                .andThen(Program.readMessage("attempts", Integer.class)));
        handle.send("attempts", "three");

        Throwable failure = outcomeOf(handle).getCause();

        assertThat(failure).isInstanceOf(ActionFailedException.class);
        assertThat(((ActionFailedException) failure).key()).isEqualTo(new StepKey("main", 1));
        assertThat(failure.getCause()).isInstanceOf(MessageTypeException.class)
                .hasMessage("the message under key \"attempts\" is a java.lang.String, not the java.lang.Integer it was read as");
        MessageTypeException wrongType = (MessageTypeException) failure.getCause();
        assertThat(wrongType.key()).isEqualTo("attempts");
        assertThat(wrongType.expected()).isEqualTo(Integer.class);
        assertThat(wrongType.actual()).isEqualTo(String.class);
    }

    @Test
    void a_primitive_type_reads_its_boxed_values() throws Exception {
        RunHandle<Option<Integer>> handle = runner.start(Program.awaitMessage("n", int.class, LONG));
        handle.send("n", 5);

        assertThat(handle.await(Duration.ofSeconds(World.PATIENCE_SECONDS))).isEqualTo(Option.some(5));
    }

    @Test
    void published_values_are_readable_while_the_run_goes_on_and_final_after_it_ended() throws Exception {
        Program<String> flow = Program.publish("progress", 50)
                .andThen(Program.publish("state", "waiting"))
                .andThen(Program.awaitMessage("go", String.class, LONG))
                .flatMap(go -> Program.publish("progress", 100).map(done -> go.get()));
        RunHandle<String> handle = runner.start(flow);
        awaitWaiting("main#2");

        io.vavr.collection.Map<String, Object> whileWaiting = handle.published();
        assertThat(whileWaiting).isEqualTo(HashMap.of("progress", 50, "state", "waiting"));
        assertThat(handle.published("progress", Integer.class)).isEqualTo(Option.some(50));
        assertThat(handle.published("nothing", Integer.class)).isEqualTo(Option.none());

        handle.send("go", "now");
        assertThat(handle.await(Duration.ofSeconds(World.PATIENCE_SECONDS))).isEqualTo("now");

        assertThat(whileWaiting).as("a snapshot does not change").isEqualTo(HashMap.of("progress", 50, "state", "waiting"));
        assertThat(handle.published()).isEqualTo(HashMap.of("progress", 100, "state", "waiting"));
        assertThat(handle.send("go", "again")).as("a message after the end is refused").isFalse();
        assertThat(handle.messages()).isEqualTo(HashMap.of("go", "now"));
    }

    @Test
    void after_the_end_send_is_refused_and_the_maps_are_final_whatever_the_outcome() throws Exception {
        RunHandle<Integer> failed = runner.start(Program.publish("step", 1).andThen(Program.perform(new Cmd.Fails("broken"))));
        assertThat(outcomeOf(failed).isFailure()).isTrue();

        assertThat(failed.send("late", "message")).isFalse();
        assertThat(failed.messages()).isEmpty();
        assertThat(failed.published()).isEqualTo(HashMap.of("step", 1));
        assertThat(failed.published()).isSameAs(failed.published());
    }

    @Test
    void reading_a_published_value_as_the_wrong_type_names_the_key_and_both_types() {
        RunHandle<Void> handle = runner.start(Program.publish("progress", "half"));
        handle.await();

        assertThatThrownBy(() -> handle.published("progress", Integer.class))
                .isInstanceOf(MessageTypeException.class)
                .hasMessage("the published value under key \"progress\" is a java.lang.String, not the java.lang.Integer it was read as");
    }

    @Test
    void cancelling_the_run_ends_an_await_message_at_once() throws Exception {
        RunHandle<Option<String>> handle = runner.start(Program.awaitMessage("never", String.class, LONG)
                .ensuring(Program.publish("finalizer", "ran")));
        awaitWaiting("main#0");

        handle.cancel();

        assertThat(outcomeOf(handle).getCause()).isInstanceOf(CancellationException.class);
        assertThat(handle.published()).isEqualTo(HashMap.of("finalizer", "ran"));
    }

    @Test
    void cancelling_the_run_ends_a_sleep_at_once() throws Exception {
        RunHandle<Void> handle = runner.start(Program.sleep(LONG));
        awaitWaiting("main#0");

        handle.cancel();

        assertThat(outcomeOf(handle).getCause()).isInstanceOf(CancellationException.class);
    }

    @Test
    void the_run_deadline_ends_an_await_message() {
        Runner impatient = runner.with(options -> options.timeout(Duration.ofMillis(50)));

        assertThatThrownBy(() -> impatient.run(Program.awaitMessage("never", String.class, LONG)))
                .isInstanceOf(FlowTimeoutException.class);
    }

    @Test
    void a_direct_style_body_performs_built_in_actions_like_any_other() throws Exception {
        Program<String> flow = Program.direct(flow1 -> {
            flow1.perform(new BuiltIn.Publish("state", "waiting"));
            Option<String> go = flow1.perform(new BuiltIn.AwaitMessage<>("go", String.class, LONG));
            flow1.perform(new BuiltIn.Sleep(Duration.ZERO));
            flow1.perform(new BuiltIn.Publish("state", "done"));
            return go.getOrElse("none") + " at " + (flow1.perform(new BuiltIn.Now()) != null);
        });
        RunHandle<String> handle = runner.start(flow);
        awaitWaiting("main#1");
        assertThat(handle.published("state", String.class)).isEqualTo(Option.some("waiting"));

        handle.send("go", "now");

        assertThat(handle.await(Duration.ofSeconds(World.PATIENCE_SECONDS))).isEqualTo("now at true");
        assertThat(handle.published("state", String.class)).isEqualTo(Option.some("done"));
    }

    @Test
    void the_actions_reject_missing_or_negative_arguments() {
        assertThatThrownBy(() -> new BuiltIn.Sleep(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1S");
        assertThatThrownBy(() -> new BuiltIn.AwaitMessage<>("k", String.class, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BuiltIn.ReadMessage<>(null, String.class)).isInstanceOf(NullPointerException.class).hasMessage("key");
        assertThatThrownBy(() -> new BuiltIn.Publish("k", null)).isInstanceOf(NullPointerException.class).hasMessage("value");
        RunHandle<Void> handle = runner.start(Program.pure(null));
        assertThatThrownBy(() -> handle.send("k", null)).isInstanceOf(NullPointerException.class).hasMessage("value");
        assertThatThrownBy(() -> handle.send(null, 1)).isInstanceOf(NullPointerException.class).hasMessage("key");
    }

    // ---------------------------------------------------------------------------------------------
    // The seam: built-in actions handed to the executor

    @Test
    void with_built_ins_answered_by_the_executor_a_fake_answers_some_and_hands_the_rest_to_the_runners_answers() throws Exception {
        java.util.List<Action<?>> fakeSaw = new CopyOnWriteArrayList<>();
        Executor noSleeping = action -> {
            fakeSaw.add(action);
            if (action instanceof BuiltIn.Sleep) {
                return null; // no waiting in this test
            }
            throw new UnhandledActionException(action, "only sleeps");
        };
        Runner faked = Runner.of(noSleeping.orElse(BuiltIn.runnerAnswers()).orElse(world.executor()))
                .with(options -> options.builtIns(BuiltIn.AnsweredBy.EXECUTOR));
        Program<Integer> flow = Program.sleep(LONG)
                .andThen(Program.publish("slept", true))
                .andThen(Program.perform(new Cmd.Get(3)));

        RunHandle<Integer> handle = faked.start(flow);

        assertThat(handle.await(Duration.ofSeconds(World.PATIENCE_SECONDS))).isEqualTo(3);
        assertThat(fakeSaw).containsExactly(new BuiltIn.Sleep(LONG), new BuiltIn.Publish("slept", true), new Cmd.Get(3));
        assertThat(handle.published("slept", Boolean.class)).isEqualTo(Option.some(true));
        assertThat(world.performed).containsExactly(new Cmd.Get(3));
    }

    @Test
    void the_runners_answers_behind_an_executors_own_handler_give_the_flow_the_message_the_time_and_the_publishing() throws Exception {
        Instant fixed = Instant.parse("2026-01-02T03:04:05Z");
        Clock stoppedClock = new dev.pureflow.watch.SystemClockForwarder() {
            @Override
            public Instant instant() {
                return fixed;
            }
        };
        java.util.List<Duration> naps = new CopyOnWriteArrayList<>();
        PartialExecutor noNaps = action -> {
            if (action instanceof BuiltIn.Sleep sleep) {
                naps.add(sleep.duration());
                return Option.some(null);
            }
            return Option.none();
        };
        Runner handing = Runner.of(noNaps.orElse(PartialExecutor.of(BuiltIn.runnerAnswers())).orElse(world.executor()))
                .with(options -> options.clock(stoppedClock).builtIns(BuiltIn.AnsweredBy.EXECUTOR)
                        .listener(StepListener.onStarted(step -> threadOfStep.put(step.key().toString(), Thread.currentThread()))));
        Program<String> flow = Program.awaitMessage("go", String.class, LONG)
                .flatMap(go -> Program.sleep(LONG)
                        .andThen(Program.readMessage("who", String.class))
                        .flatMap(who -> Program.now().map(now -> go.get() + " " + who.get() + " at " + now)))
                .flatMap(said -> Program.publish("said", said).andThen(Program.perform(new Cmd.Get(5))).map(five -> said + " " + five));
        RunHandle<String> handle = handing.start(flow);
        handle.send("who", "ada");
        awaitWaiting("main#0");

        handle.send("go", "hello");

        String expected = "hello ada at 2026-01-02T03:04:05Z";
        assertThat(handle.await(Duration.ofSeconds(World.PATIENCE_SECONDS))).isEqualTo(expected + " 5");
        assertThat(handle.published("said", String.class)).isEqualTo(Option.some(expected));
        assertThat(naps).containsExactly(LONG);
        assertThat(world.performed).containsExactly(new Cmd.Get(5));
    }

    @Test
    void the_runners_answers_name_themselves_in_a_chain_that_declines_an_action() {
        Executor builtInsOnly = PartialExecutor.of(BuiltIn.runnerAnswers()).orElseUnhandled();

        assertThat(BuiltIn.runnerAnswers()).hasToString("BuiltIn.runnerAnswers()");
        assertThatThrownBy(() -> builtInsOnly.execute(new Cmd.Get(1)))
                .isInstanceOf(UnhandledActionException.class)
                .hasMessageContaining("every executor of the chain declined it: BuiltIn.runnerAnswers()");
    }

    @Test
    void an_executor_given_built_ins_that_answers_none_fails_their_steps_as_unhandled() {
        Runner handing = Runner.of(world.executor()).with(options -> options.builtIns(BuiltIn.AnsweredBy.EXECUTOR));

        assertThatThrownBy(() -> handing.run(Program.now()))
                .isInstanceOf(ActionFailedException.class)
                .cause().isInstanceOf(UnhandledActionException.class)
                .hasMessageContaining("no handler for action Now[]");
    }

    @Test
    void the_runners_answers_decline_other_actions_and_fail_outside_a_step() {
        assertThatThrownBy(() -> BuiltIn.runnerAnswers().execute(new Cmd.Get(1)))
                .isInstanceOf(UnhandledActionException.class);
        assertThatThrownBy(() -> BuiltIn.runnerAnswers().execute(new BuiltIn.Now()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only on a thread carrying out a step of an in-process run");
        assertThat(BuiltIn.runnerAnswers().parallelism()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void a_cancelled_await_answered_through_the_executor_ends_at_once_too() throws Exception {
        Runner handing = Runner.of(BuiltIn.runnerAnswers().orElse(world.executor()))
                .with(options -> options.builtIns(BuiltIn.AnsweredBy.EXECUTOR)
                        .listener(StepListener.onStarted(step -> threadOfStep.put(step.key().toString(), Thread.currentThread()))));
        RunHandle<Option<String>> handle = handing.start(Program.awaitMessage("never", String.class, LONG));
        awaitWaiting("main#0");

        handle.cancel();

        assertThat(outcomeOf(handle).getCause()).isInstanceOf(CancellationException.class);
    }

    @Test
    void waiting_for_the_handle_with_a_timeout_does_not_end_the_waiting_run() throws Exception {
        RunHandle<Option<String>> handle = runner.start(Program.awaitMessage("go", String.class, LONG));
        assertThatThrownBy(() -> handle.await(Duration.ofMillis(1))).isInstanceOf(TimeoutException.class);

        handle.send("go", "still there");

        assertThat(handle.await(Duration.ofSeconds(World.PATIENCE_SECONDS))).isEqualTo(Option.some("still there"));
    }
}
