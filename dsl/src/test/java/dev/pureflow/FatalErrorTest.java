package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.pureflow.combinators.Combinators;
import io.vavr.control.Try;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * A run that fails with an error vavr's {@code Try} calls fatal (a {@link StackOverflowError}, an
 * {@link OutOfMemoryError}, a {@link LinkageError}, an {@link InterruptedException}) still ends:
 * its finalizers run, its handle completes, {@code run} throws the error itself and
 * {@code attempt} holds it in a {@link FatalErrorException}. {@code Try.failure} of such an error
 * throws it instead, which used to kill the run's thread before it completed the handle.
 */
class FatalErrorTest {

    /** A hang detector, not a speed limit: a run that never completes its handle fails here. */
    private static final Duration HANG = Duration.ofSeconds(60);

    /** An action of the tests' own: answered with its number, or it throws the world's error. */
    record Work(int n) implements Action<Integer> {}

    /** The errors vavr will not hold in a {@code Try}. */
    enum Fatal {
        STACK_OVERFLOW(StackOverflowError::new),
        OUT_OF_MEMORY(() -> new OutOfMemoryError("test: not really out of memory")),
        LINKAGE(() -> new LinkageError("test: a class that does not link")),
        NO_CLASS_DEF(() -> new NoClassDefFoundError("test/Missing")),
        INTERRUPTED(() -> new InterruptedException("test: interrupted by nobody's cancellation"));

        private final Supplier<Throwable> make;

        Fatal(Supplier<Throwable> make) {
            this.make = make;
        }

        Throwable make() {
            return make.get();
        }
    }

    /** Where in a run the fatal error is thrown. */
    enum Where {
        CONTINUATION, DEFERRED_CONSTRUCTION, DIRECT_BODY, PARALLEL_BRANCH, EXECUTOR_UNDER_LISTENER
    }

    private final List<Action<?>> performed = new CopyOnWriteArrayList<>();

    /** Answers {@link Work} with its number, except {@code Work(-1)}, which throws {@code error}. */
    private Executor executor(Throwable error) {
        return Executor.of(Work.class, work -> {
            performed.add(work);
            if (work.n() == -1) {
                throw sneaky(error);
            }
            return work.n();
        });
    }

    /** Throws {@code error} past the compiler's checks: user code can throw a checked exception so too. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable error) throws E {
        throw (E) error;
    }

    private static Program<Integer> throwingAt(Where where, Throwable error) {
        Program<Integer> work = Program.perform(new Work(1));
        return switch (where) {
            case CONTINUATION -> work.flatMap(n -> {
                throw sneaky(error);
            });
            case DEFERRED_CONSTRUCTION -> work.flatMap(n -> Program.defer(() -> {
                throw sneaky(error);
            }));
            case DIRECT_BODY -> work.flatMap(n -> Program.direct(flow -> {
                flow.perform(new Work(2));
                throw sneaky(error);
            }));
            case PARALLEL_BRANCH -> work.flatMap(n -> Program.parallel(Program.perform(new Work(2)), Program.perform(new Work(3)).map(m -> {
                throw sneaky(error);
            })).map(values -> values.sum().intValue()));
            case EXECUTOR_UNDER_LISTENER -> work.flatMap(n -> Program.perform(new Work(-1)));
        };
    }

    private Runner runner(Throwable error) {
        return Runner.of(executor(error).with(Combinators.parallelize(2)))
                .with(options -> options.listener(StepListener.onFinished((step, outcome, took) -> {})));
    }

    @Example
    void an_executor_throwing_a_linkage_error_under_a_listener_fails_the_run_and_completes_its_handle() {
        LinkageError error = new LinkageError("test: a class that does not link");
        RunHandle<Integer> handle = runner(error).start(Program.perform(new Work(-1)));

        Throwable thrown = catchThrowable(() -> handle.await(HANG));

        assertThat(thrown).isInstanceOf(ActionFailedException.class).hasCause(error);
        assertThat(handle.isDone()).isTrue();
    }

    @Example
    void a_continuation_throwing_stack_overflow_ends_the_run_with_it_after_the_finalizer_ran() {
        StackOverflowError error = new StackOverflowError();
        Program<Integer> flow = throwingAt(Where.CONTINUATION, error).ensuring(Program.perform(new Work(99)));
        RunHandle<Integer> handle = Runner.of(executor(error)).start(flow);

        Throwable thrown = catchThrowable(() -> handle.await(HANG));

        assertThat(thrown).isSameAs(error);
        assertThat(performed).containsExactly(new Work(1), new Work(99));
        assertThat(handle.outcome().get().getCause()).isInstanceOf(FatalErrorException.class).hasCause(error);
    }

    @Example
    void attempt_holds_a_fatal_error_as_a_value_the_flow_can_inspect() throws Exception {
        OutOfMemoryError error = new OutOfMemoryError("test: not really out of memory");
        Program<Try<Integer>> flow = throwingAt(Where.CONTINUATION, error).attempt();

        Try<Integer> attempted = Runner.of(executor(error)).start(flow).await(HANG);

        assertThat(attempted.getCause()).isInstanceOf(FatalErrorException.class).hasCause(error);
        assertThat(FatalErrorException.unwrapped(attempted.getCause())).isSameAs(error);
    }

    @Example
    void the_stage_of_a_run_that_failed_fatally_fails_with_the_error_itself() {
        LinkageError error = new LinkageError("test");
        RunHandle<Integer> handle = Runner.of(executor(error)).start(throwingAt(Where.CONTINUATION, error));

        Throwable thrown = catchThrowable(() -> handle.toCompletionStage().toCompletableFuture().get(HANG.toSeconds(),
                java.util.concurrent.TimeUnit.SECONDS));

        assertThat(thrown).hasCause(error);
    }

    @Example
    void failure_holds_a_non_fatal_error_as_it_is() {
        IllegalStateException plain = new IllegalStateException("plain");

        assertThat(FatalErrorException.failure(plain).getCause()).isSameAs(plain);
        assertThat(FatalErrorException.unwrapped(plain)).isSameAs(plain);
    }

    /**
     * Wherever a fatal error is thrown, the run ends: the finalizer runs once, the handle
     * completes, {@code run} throws the error itself (a checked one wrapped, as for any checked
     * error) and the outcome holds it in a {@link FatalErrorException}.
     */
    @Property(tries = 50)
    void a_fatal_error_anywhere_ends_the_run_with_it_and_runs_the_finalizer_once(@ForAll Where where, @ForAll Fatal fatal) {
        performed.clear();
        Throwable error = fatal.make();
        Program<Integer> flow = throwingAt(where, error).ensuring(Program.perform(new Work(99)));
        RunHandle<Integer> handle = runner(error).start(flow);

        Throwable thrown = catchThrowable(() -> handle.await(HANG));

        if (where == Where.EXECUTOR_UNDER_LISTENER) { // a failed action, whatever the executor threw
            assertThat(thrown).isInstanceOf(ActionFailedException.class).hasCause(error);
            assertThat(handle.outcome().get().getCause()).isSameAs(thrown);
        } else {
            if (error instanceof Error) {
                assertThat(thrown).isSameAs(error);
            } else {
                assertThat(thrown).isInstanceOf(FlowFailedException.class).hasCause(error);
            }
            assertThat(handle.outcome().get().getCause()).isInstanceOf(FatalErrorException.class).hasCause(error);
        }
        assertThat(performed).filteredOn(new Work(99)::equals).hasSize(1);
        assertThat(performed.getLast()).isEqualTo(new Work(99));
    }
}
