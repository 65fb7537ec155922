package dev.pureflow.interpreters.journal;

import io.vavr.control.Option;

/**
 * The idempotency key of the durable step the calling thread is carrying out: the run id and the
 * step key ({@code deploy-7/main/2/0#3}). The same step gets the same key when it runs again after a
 * crash (the at-least-once case: it was in flight when the process died), so an executor that hands
 * the key to a service which deduplicates by it (a payment API's {@code Idempotency-Key} header, a
 * database row keyed by it) makes its side effect exactly-once downstream. Set by the
 * {@link DurableRunner} around each executor call, on the calling thread and threads it starts.
 */
public final class IdempotencyKey {

    private static final InheritableThreadLocal<String> CURRENT = new InheritableThreadLocal<>();

    private IdempotencyKey() {}

    /** The key of the durable step this thread carries out, if it carries one out. */
    public static Option<String> current() {
        return Option.of(CURRENT.get());
    }

    /** Sets the thread's key, returning the one it had (to put back). */
    static String set(String key) {
        String previous = CURRENT.get();
        if (key == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(key);
        }
        return previous;
    }
}
