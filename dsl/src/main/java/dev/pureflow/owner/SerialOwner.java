package dev.pureflow.owner;

import dev.pureflow.Action;
import dev.pureflow.Clock;
import dev.pureflow.Executor;
import dev.pureflow.FatalErrorException;
import dev.pureflow.Uninterruptibly;
import dev.pureflow.owner.Queued.Call;
import dev.pureflow.owner.Queued.Kind;
import dev.pureflow.owner.Queued.Stop;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serializes calls to a piece of state: calls from any number of threads and flows wait in one FIFO
 * queue and run one at a time on the owner's loop, so the state needs no lock of its own and every
 * call sees it whole (gevent_async's deferred call handler).
 *
 * <pre>{@code
 * try (SerialOwner<Map<String, Integer>> stock = SerialOwner.<Map<String, Integer>>builder("stock", new HashMap<>()).start()) {
 *     stock.oneway("restock", items -> items.merge("apples", 10, Integer::sum));          // returns at once
 *     int apples = stock.sync("count", Duration.ofSeconds(5), items -> items.get("apples")); // waits for the answer
 * }
 * }</pre>
 *
 * <ul>
 * <li>{@link #sync} waits for the call's result and rethrows the very exception the call threw; its
 *     timeout is its own. If it runs out before the call started, the call is taken out of the queue
 *     and never runs; either way an {@link OwnerCallTimeoutException} says whether it had started.
 *     A {@code sync} call made on the owner's loop itself (from inside another call) runs inline at
 *     once, so it can never wait for itself.
 * <li>{@link #oneway} queues the call and returns at once; its failure is logged (SLF4J, WARN),
 *     never thrown.
 * <li>The loop is {@link #process}: on a thread the owner starts ({@link Builder#start()}) or on one
 *     of yours. A whitelist of call names makes a {@code process} run only those calls; the others
 *     keep their place and wait for a later {@code process} (or their timeout, or the close).
 * <li>{@link #stopProcessing()} queues a stop behind the calls already waiting: they run first.
 * <li>{@link #close()} refuses new calls, lets the loop thread the owner started run the calls
 *     already waiting and joins it (as {@link java.util.concurrent.ExecutorService#close()} does),
 *     then fails whatever still waits (behind a stop, outside a whitelist) with a
 *     {@link RejectedExecutionException}: nothing outlives the owner, and no caller waits forever.
 * </ul>
 *
 * <p>Thread-safe. The state itself is confined to the loop: reach it only through calls.
 *
 * @param <S> the type of the state the calls share
 */
public final class SerialOwner<S> implements AutoCloseable {

    private final String name;
    private final S state;
    private final Clock clock;
    private final Logger logger;

    private final ReentrantLock lock = new ReentrantLock();
    // Completed (and replaced) whenever the queue changes or the owner closes. An idle loop waits on it
    // through the clock, so a virtual clock sees the loop waiting and lets time pass.
    private CompletableFuture<Void> changed = new CompletableFuture<>(); // guarded by lock
    private final ArrayDeque<Queued<S>> queue = new ArrayDeque<>(); // guarded by lock
    private boolean closed; // guarded by lock
    private volatile Thread processing; // the thread inside process(), if any; written under lock
    private Thread loop; // the loop thread this owner started, if any; guarded by lock

    private SerialOwner(Builder<S> builder) {
        this.name = builder.name;
        this.state = builder.state;
        this.clock = builder.clock;
        this.logger = builder.logger;
    }

    /** A builder of an owner called {@code name} (for errors and logs) that owns {@code state}. */
    public static <S> Builder<S> builder(String name, S state) {
        return new Builder<>(Objects.requireNonNull(name, "name"), Objects.requireNonNull(state, "state"));
    }

    /** This owner's name. */
    public String name() {
        return name;
    }

    // ---------------------------------------------------------------------------------------------
    // Calls

    /**
     * Runs {@code call} on the owner's loop after the calls queued before it, waits as long as it
     * takes, and returns its result or throws what it threw.
     *
     * @throws RejectedExecutionException if the owner is closed, or closes before the call starts
     * @throws InterruptedException if the caller is interrupted while waiting; a call that had not
     *     started is then removed from the queue and never runs
     */
    public <T> T sync(String callName, OwnerCall<S, T> call) throws Exception {
        return sync(callName, Option.none(), call);
    }

    /**
     * Runs {@code call} on the owner's loop after the calls queued before it and returns its result
     * or throws what it threw, waiting at most {@code timeout} (this call's own) from now.
     *
     * @throws OwnerCallTimeoutException when the timeout passes first; it says whether the call had
     *     started (one that had not was removed from the queue and never runs)
     * @throws RejectedExecutionException if the owner is closed, or closes before the call starts
     * @throws InterruptedException if the caller is interrupted while waiting (as for a timeout, a
     *     call that had not started never runs)
     */
    public <T> T sync(String callName, Duration timeout, OwnerCall<S, T> call) throws Exception {
        Objects.requireNonNull(timeout, "timeout");
        return sync(callName, Option.some(timeout), call);
    }

    @SuppressWarnings("unchecked")
    private <T> T sync(String callName, Option<Duration> timeout, OwnerCall<S, T> call) throws Exception {
        Objects.requireNonNull(callName, "callName");
        Objects.requireNonNull(call, "call");
        if (Thread.currentThread() == processing) {
            return call.call(state); // on the loop, inside another call: waiting would wait for ourselves
        }
        Call<S> queued = new Call<>(callName, Kind.SYNC, call);
        if (!enqueue(queued)) {
            throw new RejectedExecutionException("owner '" + name + "' is closed: call '" + callName + "' was not accepted");
        }
        try {
            boolean ended = timeout.isEmpty() ? awaitForever(queued) : clock.await(queued.outcome, timeout.get());
            if (!ended) {
                return (T) abandon(queued, timeout.get());
            }
        } catch (InterruptedException interrupted) {
            if (queued.withdraw()) {
                remove(queued);
            } else {
                queued.callerGone();
            }
            throw interrupted;
        }
        return (T) rethrowing(queued.outcome.join());
    }

    private boolean awaitForever(Call<S> queued) throws InterruptedException {
        clock.await(queued.outcome);
        return true;
    }

    /** The caller's timeout passed: withdraw the call if it is still waiting, else leave it running. */
    private Object abandon(Call<S> queued, Duration timeout) throws Exception {
        if (queued.withdraw()) {
            remove(queued);
            throw new OwnerCallTimeoutException(name, queued.name, timeout, false);
        }
        queued.callerGone(); // before the check below, so a failure that lands after it is logged
        if (queued.outcome.isDone()) {
            return rethrowing(queued.outcome.join()); // it ended just as the caller gave up: take it
        }
        throw new OwnerCallTimeoutException(name, queued.name, timeout, true);
    }

    private static Object rethrowing(Try<Object> outcome) throws Exception {
        if (outcome.isSuccess()) {
            return outcome.get();
        }
        Throwable error = FatalErrorException.unwrapped(outcome.getCause());
        if (error instanceof Exception exception) {
            throw exception;
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        throw new IllegalStateException(error); // a Throwable that is neither: nothing else can carry it
    }

    /**
     * Queues {@code call} to run on the owner's loop and returns at once. Its failure is logged at
     * WARN with the owner's and the call's names, never thrown.
     *
     * @return whether the call was accepted: false (and logged) once the owner is closed. An accepted
     *     call runs exactly once unless the owner closes before it starts (then it is logged as dropped).
     */
    public boolean oneway(String callName, OwnerCall<S, ?> call) {
        Objects.requireNonNull(callName, "callName");
        Objects.requireNonNull(call, "call");
        boolean accepted = enqueue(new Call<>(callName, Kind.ONEWAY, call));
        if (!accepted) {
            logger.warn("owner '{}' is closed: oneway call '{}' was dropped", name, callName);
        }
        return accepted;
    }

    /**
     * Queues a stop behind the calls waiting now: the {@code process} that reaches it returns, so
     * those calls run first, and calls queued after it wait for the next {@code process}.
     *
     * @return false if the owner is closed (nothing is processing any more)
     */
    public boolean stopProcessing() {
        return enqueue(new Stop<>());
    }

    /**
     * An executor that answers each action of {@code family} with {@code handler}, as a {@code sync}
     * call on this owner named after the action's type (its simple name, which whitelists use): flows
     * then reach the owner's state through ordinary steps, seen by listeners, traces and combinators.
     * The call waits as long as it takes; a {@code timeout} combinator or the run's cancellation
     * interrupts the wait, and a call that had not started then never runs. The executor declares the
     * default parallelism; the owner serializes the calls whatever it is.
     */
    public <F extends Action<?>> Executor executor(Class<F> family, OwnerHandler<S, ? super F> handler) {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(handler, "handler");
        return Executor.of(family, action -> sync(action.getClass().getSimpleName(), owned -> handler.handle(owned, action)));
    }

    // ---------------------------------------------------------------------------------------------
    // The loop

    /**
     * Runs queued calls on the calling thread, one at a time in their order, for as long as
     * {@code mode} says: this thread is the owner's loop meanwhile.
     *
     * @return how many calls ran
     * @throws IllegalStateException if another thread is processing this owner
     * @throws InterruptedException if this thread is interrupted while waiting for calls
     */
    public int process(Processing mode) throws InterruptedException {
        return process(mode, callName -> true);
    }

    /**
     * As {@link #process(Processing)}, running only the calls whose names are in {@code whitelist}:
     * the others keep their place in the queue and wait for a later {@code process}, their timeout or
     * the close, so no caller is left waiting forever by a whitelist alone. A stop is taken once the
     * calls before it that this process may run have run: skipped calls never hold a stop back.
     */
    public int process(Processing mode, Set<String> whitelist) throws InterruptedException {
        Objects.requireNonNull(whitelist, "whitelist");
        Set<String> allowed = Set.copyOf(whitelist);
        return process(mode, allowed::contains);
    }

    private int process(Processing mode, Predicate<String> allowed) throws InterruptedException {
        Objects.requireNonNull(mode, "mode");
        enterLoop();
        try {
            int ran = 0;
            while (true) {
                Option<Call<S>> next = next(mode, allowed);
                if (next.isEmpty()) {
                    return ran;
                }
                run(next.get());
                ran++;
            }
        } finally {
            leaveLoop();
        }
    }

    private void enterLoop() {
        lock.lock();
        try {
            if (processing != null) {
                throw new IllegalStateException("owner '" + name + "' is already processing on " + processing);
            }
            processing = Thread.currentThread();
        } finally {
            lock.unlock();
        }
    }

    private void leaveLoop() {
        lock.lock();
        try {
            processing = null;
        } finally {
            lock.unlock();
        }
    }

    /** The next call to run, or none when this process is to return. */
    private Option<Call<S>> next(Processing mode, Predicate<String> allowed) throws InterruptedException {
        while (true) {
            CompletableFuture<Void> change;
            lock.lock();
            try {
                Iterator<Queued<S>> waiting = queue.iterator();
                while (waiting.hasNext()) {
                    Queued<S> queued = waiting.next();
                    switch (queued) {
                        case Stop<S> stop -> {
                            waiting.remove();
                            return Option.none();
                        }
                        case Call<S> call -> {
                            if (allowed.test(call.name)) {
                                waiting.remove();
                                if (call.start()) {
                                    return Option.some(call);
                                }
                            }
                        }
                    }
                }
                if (closed) {
                    return Option.none(); // the calls accepted before the close have run: the loop is done
                }
                if (mode == Processing.PENDING) {
                    return Option.none();
                }
                change = changed;
            } finally {
                lock.unlock();
            }
            clock.await(change); // UNTIL_STOPPED with nothing to run: wait for the queue to change
        }
    }

    private void run(Call<S> call) {
        Try<Object> outcome;
        try {
            outcome = Try.success(call.body.call(state));
        } catch (Throwable failed) {
            outcome = FatalErrorException.failure(failed); // Try.failure would throw a fatal error, and the caller wait forever
        }
        call.outcome.complete(outcome);
        if (outcome.isFailure() && !call.hasReader()) {
            logger.warn("{} call '{}' to owner '{}' failed", call.kind == Kind.ONEWAY ? "oneway" : "abandoned sync",
                    call.name, name, FatalErrorException.unwrapped(outcome.getCause()));
        }
    }

    /** Wakes an idle loop; call with the lock held. */
    private void signalChange() {
        changed.complete(null);
        changed = new CompletableFuture<>();
    }

    private boolean enqueue(Queued<S> queued) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            queue.addLast(queued);
            signalChange();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void remove(Call<S> call) {
        lock.lock();
        try {
            queue.remove(call);
        } finally {
            lock.unlock();
        }
    }

    /** How many calls (not stops) are in the queue now; a withdrawn call leaves it as its caller gives up. */
    public int waiting() {
        lock.lock();
        try {
            return (int) queue.stream().filter(queued -> queued instanceof Call<S>).count();
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #close()} has been called: no call is accepted any more. */
    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Whether some thread is inside {@link #process} now. */
    public boolean isProcessing() {
        return processing != null;
    }

    // ---------------------------------------------------------------------------------------------
    // Lifetime

    private Thread startLoop() {
        lock.lock();
        try {
            loop = clock.startThread("pureflow-owner-" + name, this::loop);
            return loop;
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        try {
            process(Processing.UNTIL_STOPPED);
        } catch (InterruptedException closing) {
            // close() interrupts only when its own caller was interrupted: end here
        } catch (RuntimeException bug) {
            logger.error("owner '{}' stopped its loop on an unexpected error", name, bug);
        }
    }

    /**
     * Refuses new calls, lets the loop thread this owner started run the calls already waiting (up
     * to a stop queued before them) and joins it, then fails every call still waiting: {@code sync}
     * callers get a {@link RejectedExecutionException}, {@code oneway} calls are logged as dropped.
     * A {@code process} on a thread of yours likewise runs what waits and returns, without this
     * method waiting for it. If the closing thread is interrupted while it waits, the loop thread is
     * interrupted too and the wait goes on; the interrupt is kept. Idempotent.
     */
    @Override
    public void close() {
        Thread started;
        lock.lock();
        try {
            closed = true;
            signalChange();
            started = loop;
        } finally {
            lock.unlock();
        }
        if (started != null) {
            Uninterruptibly.joinPassingInterrupts(started);
        }
        for (Call<S> call : withdrawAll()) {
            RejectedExecutionException refused = new RejectedExecutionException(
                    "owner '" + name + "' closed before call '" + call.name + "' started");
            call.outcome.complete(Try.failure(refused));
            if (call.kind == Kind.ONEWAY) {
                logger.warn("owner '{}' closed before oneway call '{}' started: it was dropped", name, call.name);
            }
        }
    }

    /** Empties the queue, withdrawing the calls in it that no loop has taken. */
    private java.util.List<Call<S>> withdrawAll() {
        java.util.List<Call<S>> withdrawn = new java.util.ArrayList<>();
        lock.lock();
        try {
            for (Queued<S> queued : queue) {
                if (queued instanceof Call<S> call && call.withdraw()) {
                    withdrawn.add(call);
                }
            }
            queue.clear();
        } finally {
            lock.unlock();
        }
        return withdrawn;
    }

    @Override
    public String toString() {
        return "SerialOwner[" + name + "]";
    }

    /**
     * Settings of a {@link SerialOwner}; mutable, confined to the thread building it.
     *
     * @param <S> the type of the owner's state
     */
    public static final class Builder<S> {
        private final String name;
        private final S state;
        private Clock clock = Clock.system();
        private Logger logger = LoggerFactory.getLogger(SerialOwner.class);

        private Builder(String name, S state) {
            this.name = name;
            this.state = state;
        }

        /**
         * The clock that times {@code sync} calls, starts the loop thread and through which an idle
         * loop waits for calls, so a virtual clock sees the loop waiting and lets time pass;
         * {@link Clock#system()} by default.
         */
        public Builder<S> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where failed {@code oneway} calls are logged; this class's SLF4J logger by default. */
        public Builder<S> logger(Logger logger) {
            this.logger = Objects.requireNonNull(logger, "logger");
            return this;
        }

        /**
         * An owner whose loop is yours: calls wait until some thread runs {@link SerialOwner#process}.
         * Use it when the owner has work of its own between batches of calls.
         */
        public SerialOwner<S> build() {
            return new SerialOwner<>(this);
        }

        /**
         * An owner with its own loop: a virtual thread that runs
         * {@link SerialOwner#process process(UNTIL_STOPPED)} from now until a stop or the close,
         * which joins it.
         */
        public SerialOwner<S> start() {
            SerialOwner<S> owner = new SerialOwner<>(this);
            owner.startLoop();
            return owner;
        }
    }
}
