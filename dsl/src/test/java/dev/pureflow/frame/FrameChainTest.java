package dev.pureflow.frame;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.BuiltIn;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import io.vavr.collection.List;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * A lifecycle frame's redo loop continued as new ({@link ContinueAsNew}): a fresh run of the
 * frame's program, resumed from the state the loop saved, ends exactly as the frame that never
 * stopped. The frame here depends on each part of that state: the iteration, the routine's kept
 * result (none, a value, an error: {@code on_start} sees the previous one), {@code event_message}
 * (written and removed by hooks), {@code routine_message} (the routine's count) and the requests
 * the frame has read.
 */
class FrameChainTest {

    private final RuntimeException boom = new IllegalStateException("boom");
    private final RuntimeException fatal = new IllegalArgumentException("fatal");

    /**
     * Counts in {@code routine_message}; the routine yields 7 times the count, or fails with
     * {@code boom} (consumed) on every third count and with {@code fatal} (not consumed) at count
     * {@code failAt}. {@code on_open} writes {@code phase} and reads the request {@code which}
     * names; {@code on_start} reads the request {@code k<count>}, removes {@code phase} in the first
     * iteration only, and appends the routine result it sees (the previous iteration's) to
     * {@code seen}; {@code on_end} counts in {@code ends}.
     */
    private LifecycleFrame<Integer> watched(int rounds, int failAt) {
        return LifecycleFrame.<Integer>builder(ctx -> ctx.routineMessage().apply("count", Integer.class, n -> n + 1, 0)
                        .flatMap(count -> count == failAt ? Program.<Integer>fail(fatal)
                                : count % 3 == 2 ? Program.<Integer>fail(boom)
                                : Program.pure(count * 7)))
                .onOpen(ctx -> ctx.eventMessage().update("phase", "open")
                        .andThen(ctx.request().get("which", String.class))
                        .flatMap(which -> ctx.request().find(which, String.class)))
                .onStart(ctx -> {
                    String seen = "[" + described(ctx.routineResult()) + "]";
                    return ctx.routineMessage().getOrDefault("count", Integer.class, 0)
                            .flatMap(done -> ctx.request().find("k" + done, Integer.class)
                                    .andThen(done == 0 ? ctx.eventMessage().remove("phase") : Program.<Option<Object>>pure(Option.none())))
                            .andThen(ctx.eventMessage().apply("seen", String.class, before -> before + seen, ""));
                })
                .onEnd(ctx -> ctx.eventMessage().apply("ends", Integer.class, n -> n + 1, 0))
                .onRedo(ctx -> ctx.routineMessage().get("count", Integer.class).map(count -> count < rounds))
                .onException((ctx, error) -> Program.pure(error == boom))
                .build();
    }

    private static String described(Option<Try<Integer>> result) {
        return result.isEmpty() ? "-" : result.get().isSuccess() ? String.valueOf(result.get().get()) : "!" + result.get().getCause().getMessage();
    }

    @Property(tries = 150)
    void a_frame_resumed_in_fresh_runs_ends_as_the_frame_that_never_stopped(
            @ForAll @IntRange(min = 1, max = 7) int rounds,
            @ForAll @IntRange(min = 0, max = 8) int failAt,
            @ForAll @Size(max = 3) java.util.List<@IntRange(min = 0, max = 4) Integer> stops) {
        LifecycleFrame<Integer> frame = watched(rounds, failAt);
        Outside plain = new Outside();
        Outside chained = new Outside();

        Try<FrameOutcome<Integer>> unbroken = plain.runner().attempt(frame.program());
        ContinueAsNew.Chain<FrameOutcome<Integer>> chain = ContinueAsNew.run(chained.runner(), frame.program(),
                stops.stream().mapToInt(Integer::intValue).toArray());

        assertThat(chain.outcome()).isEqualTo(unbroken);
        assertThat(chained.published).isEqualTo(plain.published);
    }

    @Property(tries = 40)
    void a_run_resumed_and_stopped_again_saves_what_one_run_stopped_after_as_many_iterations_saves(
            @ForAll @IntRange(min = 0, max = 4) int first, @ForAll @IntRange(min = 0, max = 4) int second) {
        LifecycleFrame<Integer> frame = watched(10, 0);

        List<List<Object>> twice = ContinueAsNew.run(new Outside().runner(), frame.program(), first, second).saves();
        List<List<Object>> once = ContinueAsNew.run(new Outside().runner(), frame.program(), first + second).saves();

        assertThat(twice).hasSize(2);
        assertThat(twice.get(1)).isEqualTo(once.single()).startsWith((long) first + second);
    }

    @Test
    void a_frame_stopped_as_its_loop_starts_saves_no_routine_result_and_what_on_open_left() {
        ContinueAsNew.Chain<FrameOutcome<Integer>> chain = ContinueAsNew.run(new Outside().runner(), watched(5, 0).program(), 0);

        assertThat(chain.saves().single()).containsExactly(0L, "none", null,
                1, "phase", "open",
                0,
                2, "a", "apple", "which", "a");
        assertThat(chain.outcome()).isEqualTo(new Outside().runner().attempt(watched(5, 0).program()));
        assertThat(chain.outcome().get().eventMessage().get("seen")).contains("[-][7][!boom][21][28]");
    }

    @Test
    void the_saved_state_is_the_iteration_the_routines_value_and_each_map_as_a_count_and_pairs() {
        ContinueAsNew.Chain<FrameOutcome<Integer>> chain = ContinueAsNew.run(new Outside().runner(), watched(5, 0).program(), 1);

        assertThat(chain.saves().single()).containsExactly(1L, "value", 7,
                2, "ends", 1, "seen", "[-]",
                1, "count", 1,
                3, "a", "apple", "k0", 0, "which", "a");
        FrameOutcome<Integer> outcome = chain.outcome().get();
        assertThat(outcome.routineMessage().get("count")).contains(5);
        assertThat(outcome.eventMessage().get("ends")).contains(5);
        assertThat(outcome.request().keySet()).containsExactly("a", "k0", "k2", "k4", "which");
        assertThat(outcome.end()).isEqualTo(new FrameEnd.Completed());
    }

    @Test
    void a_routine_error_kept_across_the_stop_is_the_result_the_next_on_start_sees() {
        ContinueAsNew.Chain<FrameOutcome<Integer>> chain = ContinueAsNew.run(new Outside().runner(), watched(5, 0).program(), 2);

        assertThat(chain.saves().single()).containsSequence(2L, "error", boom);
        assertThat(chain.outcome().get().eventMessage().get("seen")).contains("[-][7][!boom][21][28]");
        assertThat(chain.outcome().get().routineResult()).contains(Try.failure(boom));
    }

    @Test
    void restoring_replaces_the_event_messages_on_open_wrote_again_so_a_key_a_hook_removed_stays_removed() {
        ContinueAsNew.Chain<FrameOutcome<Integer>> chain = ContinueAsNew.run(new Outside().runner(), watched(3, 0).program(), 1);

        assertThat(chain.outcome().get().eventMessage().keySet()).containsExactly("ends", "seen");
    }

    @Test
    void restoring_replaces_the_requests_seen_so_one_only_the_resumed_on_open_read_is_not_in_the_outcome() {
        Outside outside = new Outside();

        ContinueAsNew.Chain<FrameOutcome<Integer>> chain = ContinueAsNew.run(outside.runner(), watched(3, 0).program(), 1);

        assertThat(outside.reads.get("b")).as("the resumed on_open read the request 'which' named then").isEqualTo(1);
        assertThat(chain.outcome().get().request()).isEqualTo(io.vavr.collection.TreeMap.of("a", "apple", "k0", 0, "k2", 20, "which", "a"));
    }

    @Test
    void a_resumed_frame_whose_routine_fails_unconsumed_fails_with_that_error_as_the_unbroken_frame_does() {
        Outside outside = new Outside();

        ContinueAsNew.Chain<FrameOutcome<Integer>> chain = ContinueAsNew.run(outside.runner(), watched(6, 4).program(), 1, 2);

        assertThat(chain.saves()).hasSize(2);
        assertThat(chain.outcome().getCause()).isSameAs(fatal);
        FrameOutcome<?> outcome = (FrameOutcome<?>) outside.published.get("frame/outcome");
        assertThat(outcome.end()).isEqualTo(new FrameEnd.Failed(fatal));
        assertThat(outcome.eventMessage().get("seen")).contains("[-][7][!boom][21]");
        assertThat(outcome.routineResult()).contains(Try.failure(fatal));
    }

    @Test
    void a_stopped_run_ends_at_once_so_the_handler_never_sees_the_stop_and_on_close_runs_once_in_the_last_run() {
        java.util.List<String> happened = new CopyOnWriteArrayList<>();
        AtomicInteger rounds = new AtomicInteger();
        LifecycleFrame<Integer> frame = LifecycleFrame.<Integer>builder(Program.defer(() -> Program.pure(rounds.incrementAndGet())))
                .onRedo(ctx -> Program.pure(ctx.routineResult().get().get() < 4))
                .onClose(ctx -> Program.defer(() -> Program.pure(happened.add("on_close"))))
                .onTerminated(outcome -> Program.defer(() -> Program.pure(happened.add("on_terminated " + outcome.end()))))
                .onException((ctx, error) -> Program.defer(() -> Program.pure(happened.add("handled " + error))))
                .build();

        ContinueAsNew.Chain<FrameOutcome<Integer>> chain = ContinueAsNew.run(new Outside().runner(), frame.program(), 1, 2);

        assertThat(chain.saves()).hasSize(2);
        assertThat(chain.outcome().get().routineValue()).contains(4);
        assertThat(happened).containsExactly("on_close", "on_terminated Completed[]");
    }

    /**
     * What a chain's runs share, as Temporal carries a run's mailbox over: the requests the
     * outside sends (read through the scripted executor) and the values the frame publishes. The
     * request {@code which} is {@code a} when first read and {@code b} afterwards (the outside sent
     * another); {@code k<i>} is {@code 10 i} for even {@code i} and never sent for odd ones.
     */
    private static final class Outside {

        final Map<String, Object> published = new ConcurrentHashMap<>();
        final Map<String, Integer> reads = new ConcurrentHashMap<>();

        Runner runner() {
            return Runner.of(Executor.of(BuiltIn.class, this::answer)).with(options -> options.builtIns(BuiltIn.AnsweredBy.EXECUTOR));
        }

        private Object answer(BuiltIn<?> builtIn) {
            return switch (builtIn) {
                case BuiltIn.ReadMessage<?> read -> request(read.key(), reads.merge(read.key(), 1, Integer::sum));
                case BuiltIn.Publish publish -> {
                    published.put(publish.key(), publish.value());
                    yield null;
                }
                case BuiltIn.AwaitMessage<?> await -> throw new AssertionError("the frame does not wait: " + await);
                case BuiltIn.Sleep sleep -> throw new AssertionError("the frame does not sleep: " + sleep);
                case BuiltIn.Now now -> throw new AssertionError("the frame does not read the time: " + now);
            };
        }

        private static Option<Object> request(String key, int read) {
            return switch (key) {
                case "which" -> Option.some(read == 1 ? "a" : "b");
                case "a" -> Option.some("apple");
                case "b" -> Option.some("banana");
                default -> {
                    int i = Integer.parseInt(key.substring(1));
                    yield i % 2 == 0 ? Option.some(i * 10) : Option.none();
                }
            };
        }
    }
}
