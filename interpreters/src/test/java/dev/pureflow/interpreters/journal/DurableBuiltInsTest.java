package dev.pureflow.interpreters.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import dev.pureflow.interpreters.fake.VirtualClock;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Built-in actions in durable runs: sleeps resume with what is left, messages, time and published values come back. */
class DurableBuiltInsTest {

    /** Generous: only reached when a test is broken, on a machine several times slower than ours. */
    private static final Duration HANG = Duration.ofMinutes(2);

    sealed interface Ops<R> extends Action<R> {}

    record Note(String text) implements Ops<String> {}

    record Params(String name) {}

    /** Carries notes out, counting them; at {@code crashAt}, waits for {@code release} and copies the journal. */
    static final class World {
        final Set<String> carriedOut = ConcurrentHashMap.newKeySet();
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile String crashAt = "";
        volatile Path journal;
        volatile Path crashCopy;

        Executor executor() {
            return Executor.of(Ops.class, action -> switch (action) {
                case Note note -> {
                    carriedOut.add(note.text());
                    if (note.text().equals(crashAt)) {
                        reached.countDown();
                        release.await();
                        copy(journal, crashCopy);
                    }
                    yield note.text() + " done";
                }
            });
        }
    }

    static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void awaitCondition(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + HANG.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    static List<JournalEntry> entries(Path journal) {
        try {
            return RunJournal.read(journal);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void a_sleep_resumed_after_a_crash_waits_only_for_what_was_left_of_it(@TempDir Path root) {
        DurableFlow<Params, String> napping = DurableFlow.of("napping", Params.class, params ->
                Program.perform(new Note("before")).andThen(Program.sleep(Duration.ofMinutes(10))).andThen(Program.perform(new Note("after"))));
        World first = new World();
        DurableRunner live = DurableRunner.builder(root.resolve("live"), first.executor()).register(napping).build();
        RunHandle<String> run = live.start("nap", napping, new Params("x"));
        Path journal = root.resolve("live/nap.journal");
        awaitCondition("the sleep's wake-up time in the journal",
                () -> entries(journal).stream().anyMatch(JournalEntry.Sleeping.class::isInstance));
        copy(journal, root.resolve("crashed/nap.journal")); // what a kill -9 during the sleep leaves
        run.cancel();
        Instant wakeAt = entries(journal).stream().flatMap(entry -> entry instanceof JournalEntry.Sleeping sleeping
                ? java.util.stream.Stream.of(sleeping.wakeAt()) : java.util.stream.Stream.empty()).findFirst().orElseThrow();

        VirtualClock clock = VirtualClock.startingAt(wakeAt.minus(Duration.ofMinutes(6))); // restarted 4 minutes into the sleep
        World second = new World();
        DurableRunner restarted = DurableRunner.builder(root.resolve("crashed"), second.executor()).register(napping)
                .options(options -> options.clock(clock)).build();

        assertThat(restarted.resume("nap").await()).isEqualTo("after done");
        assertThat(clock.elapsed()).isEqualTo(Duration.ofMinutes(6));
        assertThat(second.carriedOut).containsExactly("after");
    }

    @Test
    void a_message_sent_before_a_crash_reaches_the_resumed_run(@TempDir Path root) throws InterruptedException {
        DurableFlow<Params, Integer> waiting = DurableFlow.of("waiting", Params.class, params ->
                Program.perform(new Note("ready")).andThen(Program.awaitMessage("go", Integer.class, Duration.ofHours(1)))
                        .map(go -> go.getOrElse(-1)));
        World first = new World();
        first.crashAt = "ready";
        first.journal = root.resolve("live/w.journal");
        first.crashCopy = root.resolve("crashed/w.journal");
        DurableRunner live = DurableRunner.builder(root.resolve("live"), first.executor()).register(waiting).build();
        RunHandle<Integer> run = live.start("w", waiting, new Params("x"));
        assertThat(first.reached.await(HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();

        assertThat(live.send("w", "go", 42)).isTrue();
        first.release.countDown(); // the copy is taken now: the message is journaled, the step in flight is not
        assertThat(run.await()).isEqualTo(42);

        DurableRunner restarted = DurableRunner.builder(root.resolve("crashed"), new World().executor()).register(waiting).build();
        assertThat(restarted.resume("w").await()).isEqualTo(42);
        assertThat(restarted.send("w", "go", 7)).as("the run ended").isFalse();
    }

    @Test
    void a_message_sent_with_the_runs_handle_before_a_crash_reaches_the_resumed_run(@TempDir Path root) throws InterruptedException {
        DurableFlow<Params, Integer> waiting = DurableFlow.of("waiting", Params.class, params ->
                Program.perform(new Note("ready")).andThen(Program.awaitMessage("go", Integer.class, Duration.ofHours(1)))
                        .map(go -> go.getOrElse(-1)));
        World first = new World();
        first.crashAt = "ready";
        first.journal = root.resolve("live/h.journal");
        first.crashCopy = root.resolve("crashed/h.journal");
        DurableRunner live = DurableRunner.builder(root.resolve("live"), first.executor()).register(waiting).build();
        RunHandle<Integer> run = live.start("h", waiting, new Params("x"));
        assertThat(first.reached.await(HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();

        assertThat(run.send("go", 42)).isTrue(); // the handle the runner returned, not runner.send
        first.release.countDown(); // the copy is taken now: the run is abandoned before it read the message
        assertThat(run.await()).isEqualTo(42);
        assertThat(entries(first.crashCopy)).filteredOn(JournalEntry.Message.class::isInstance).hasSize(1);

        RunHandle<Object> resumed = DurableRunner.builder(root.resolve("crashed"), new World().executor()).register(waiting).build()
                .resume("h");
        assertThat(resumed.await()).isEqualTo(42);
        assertThat(entries(first.crashCopy)).as("restoring a message does not journal it again")
                .filteredOn(JournalEntry.Message.class::isInstance).hasSize(1);
    }

    @Property(tries = 15)
    void every_message_the_run_takes_is_journaled_in_the_order_it_took_them_whoever_sends_it(
            @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 5) Integer> values) throws IOException {
        Path root = Files.createTempDirectory("messages");
        try {
            DurableFlow<Params, Boolean> waiting = DurableFlow.of("waiting", Params.class, params ->
                    Program.awaitMessage("done", Boolean.class, Duration.ofHours(1)).map(done -> done.getOrElse(false)));
            DurableRunner runner = DurableRunner.builder(root, new World().executor()).register(waiting).build();
            RunHandle<Boolean> run = runner.start("m", waiting, new Params("x"));
            List<String> sent = new java.util.ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                String key = "k" + values.get(i) % 2;
                boolean byHandle = i % 2 == 0;
                assertThat(byHandle ? run.send(key, values.get(i)) : runner.send("m", key, values.get(i))).isTrue();
                sent.add(key + "=" + values.get(i));
            }
            assertThat(run.send("done", true)).isTrue();
            sent.add("done=true");
            assertThat(run.await()).isTrue();

            assertThat(entries(root.resolve("m.journal")).stream().flatMap(entry -> entry instanceof JournalEntry.Message message
                    ? java.util.stream.Stream.of(message.key() + "=" + message.value()) : java.util.stream.Stream.empty()))
                    .containsExactlyElementsOf(sent);
            assertThat(entries(root.resolve("m.journal")).getLast()).isInstanceOf(JournalEntry.Ended.class);
        } finally {
            DurableRecoveryTest.deleteTree(root);
        }
    }

    /** Written to JSON by its getter, but not read back: no constructor Jackson can call. */
    static final class Opaque {
        private final String value;

        Opaque(String value) {
            this.value = value;
        }

        public String getValue() {
            return value;
        }
    }

    @Test
    void a_message_that_does_not_map_to_json_is_refused_by_the_handle_and_not_delivered(@TempDir Path root) {
        DurableFlow<Params, Integer> waiting = DurableFlow.of("waiting", Params.class, params ->
                Program.awaitMessage("go", Integer.class, Duration.ofHours(1)).map(go -> go.getOrElse(-1)));
        DurableRunner runner = DurableRunner.builder(root, new World().executor()).register(waiting).build();
        RunHandle<Integer> run = runner.start("r", waiting, new Params("x"));

        assertThatThrownBy(() -> run.send("go", new Opaque("x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must map to JSON and back");
        assertThat(run.messages().containsKey("go")).isFalse();
        assertThat(run.send("go", 5)).isTrue();
        assertThat(run.await()).isEqualTo(5);
        assertThat(entries(root.resolve("r.journal"))).filteredOn(JournalEntry.Message.class::isInstance).hasSize(1);
    }

    @Test
    void the_time_read_and_the_values_published_before_a_crash_come_back_on_resume(@TempDir Path root) {
        DurableFlow<Params, Instant> timed = DurableFlow.of("timed", Params.class, params ->
                Program.now().flatMap(now -> Program.publish("state", "started at " + now)
                        .andThen(Program.perform(new Note("work")))
                        .map(done -> now)));
        VirtualClock firstClock = VirtualClock.start();
        World first = new World();
        first.crashAt = "work";
        first.journal = root.resolve("live/t.journal");
        first.crashCopy = root.resolve("crashed/t.journal");
        first.release.countDown();
        Instant then = DurableRunner.builder(root.resolve("live"), first.executor()).register(timed)
                .options(options -> options.clock(firstClock)).build()
                .start("t", timed, new Params("x")).await();

        VirtualClock later = VirtualClock.startingAt(then.plus(Duration.ofDays(1)));
        RunHandle<Object> resumed = DurableRunner.builder(root.resolve("crashed"), new World().executor()).register(timed)
                .options(options -> options.clock(later)).build().resume("t");

        assertThat(resumed.await()).isEqualTo(then);
        assertThat(resumed.published("state", String.class)).isEqualTo(Option.some("started at " + then));
    }
}
