package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Try;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For any error, raised by a failing action (so wrapped in ActionFailedException) or by the flow
 * itself, and any type asked for: the handler is called exactly when the error, or else the cause
 * of a failed action, is of that type and is not a cancellation, and it gets that one; otherwise
 * the very same error passes through.
 */
class TypedRecoveryProperties {

    enum Raised { BY_AN_ACTION, BY_THE_FLOW }

    /** An action whose executor throws {@code error}. */
    record Throwing(Throwable error) implements Action<String> {}

    @Property(tries = 300)
    void the_handler_gets_the_error_or_its_cause_exactly_when_it_is_of_the_type_and_not_a_cancellation(
            @ForAll("errors") Throwable error, @ForAll Raised raised, @ForAll("types") Class<? extends Throwable> type) {
        AtomicReference<Throwable> before = new AtomicReference<>();
        AtomicReference<Throwable> handed = new AtomicReference<>();
        Program<String> failing = raised == Raised.BY_AN_ACTION ? Program.perform(new Throwing(error)) : Program.fail(error);
        Program<String> flow = failing
                .recoverWith(e -> {
                    before.set(e);
                    return Program.fail(e);
                })
                .recover(type, e -> {
                    handed.set(e);
                    return "handled";
                });
        Executor executor = Executor.of(Throwing.class, throwing -> {
            if (throwing.error() instanceof Error fatal) {
                throw fatal;
            }
            throw (Exception) throwing.error();
        });

        Try<String> outcome = Runner.of(executor).attempt(flow);

        Throwable failure = before.get();
        Throwable cause = failure instanceof ActionFailedException ? failure.getCause() : null;
        Throwable expected = failure instanceof CancellationException ? null
                : type.isInstance(failure) ? failure
                : cause != null && !(cause instanceof CancellationException) && type.isInstance(cause) ? cause
                : null;
        assertThat(failure).isInstanceOf(raised == Raised.BY_AN_ACTION ? ActionFailedException.class : error.getClass());
        if (expected == null) {
            assertThat(handed).hasNullValue();
            assertThat(outcome.getCause()).isSameAs(failure);
        } else {
            assertThat(handed.get()).isSameAs(expected);
            assertThat(outcome).isEqualTo(Try.success("handled"));
        }
    }

    @Provide
    Arbitrary<Throwable> errors() {
        // a new error each try: the property compares identities
        return Arbitraries.integers().between(0, 4).map(kind -> switch (kind) {
            case 0 -> new IOException("io");
            case 1 -> new IllegalStateException("state");
            case 2 -> new IllegalArgumentException("argument");
            case 3 -> new CancellationException("cancelled");
            default -> new AssertionError("error");
        });
    }

    @Provide
    Arbitrary<Class<? extends Throwable>> types() {
        return Arbitraries.of(IOException.class, IllegalStateException.class, RuntimeException.class, Exception.class,
                Throwable.class, Error.class, ActionFailedException.class, CancellationException.class);
    }
}
