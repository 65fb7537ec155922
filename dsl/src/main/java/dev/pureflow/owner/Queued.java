package dev.pureflow.owner;

import io.vavr.control.Try;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** What waits in a {@link SerialOwner}'s queue: a call, or a stop queued behind the calls before it. */
sealed interface Queued<S> {

    /** Ends the {@code process} that reaches it. */
    record Stop<S>() implements Queued<S> {}

    /** Whether a call's caller waits for its outcome. */
    enum Kind { SYNC, ONEWAY }

    /**
     * One accepted call. Its phase moves once from waiting to running (the loop takes it) or to
     * withdrawn (its caller gave up first), never both, so a withdrawn call never runs and a started
     * one is never withdrawn. Thread-safe.
     */
    final class Call<S> implements Queued<S> {
        private static final int WAITING = 0;
        private static final int RUNNING = 1;
        private static final int WITHDRAWN = 2;

        final String name;
        final Kind kind;
        final OwnerCall<S, ?> body;
        final CompletableFuture<Try<Object>> outcome = new CompletableFuture<>();
        private final AtomicInteger phase = new AtomicInteger(WAITING);
        private volatile boolean callerGone;

        Call(String name, Kind kind, OwnerCall<S, ?> body) {
            this.name = name;
            this.kind = kind;
            this.body = body;
        }

        /** Takes the call for running; false if its caller withdrew it. */
        boolean start() {
            return phase.compareAndSet(WAITING, RUNNING);
        }

        /** Withdraws the call before it starts; false if it has started already. */
        boolean withdraw() {
            return phase.compareAndSet(WAITING, WITHDRAWN);
        }

        /** The caller of a started call stopped waiting: its outcome has no reader now. */
        void callerGone() {
            callerGone = true;
        }

        boolean hasReader() {
            return kind == Kind.SYNC && !callerGone;
        }
    }
}
