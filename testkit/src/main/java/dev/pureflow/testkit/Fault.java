package dev.pureflow.testkit;

import dev.pureflow.Action;
import dev.pureflow.Clock;
import dev.pureflow.Executor;
import dev.pureflow.combinators.ActionTimeoutException;
import dev.pureflow.combinators.Combinators;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One injected fault of a {@link FaultPlan}: what goes wrong ({@link Effect}) with which action
 * occurrence ({@link Target}). Immutable; reads as {@code fail Fetch#2 with IOException}.
 *
 * @param target the action occurrence it hits
 * @param effect what happens to it
 */
public record Fault(Target target, Effect effect) {

    public Fault {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(effect, "effect");
    }

    /** The kinds of fault, simplest first: generated plans shrink toward the earlier ones. */
    public enum Kind {
        /** The action fails with an exception without reaching the executor. */
        FAIL,
        /** The action reaches the executor after a delay of virtual time. */
        SLOW,
        /** The action hangs until a time limit passes, then fails with {@link ActionTimeoutException}. */
        TIME_OUT
    }

    /**
     * An action occurrence: the {@code occurrence}-th action (counting from 1, in the order actions
     * reach the fault injector) that is an instance of {@code type}. {@code type} may be a record
     * ({@code Fetch#2}: the second Fetch), a family ({@code Cmd#3}: the third Cmd of any kind), or
     * {@code Action.class} ({@code Action#3}: the third action of the run).
     *
     * @param type       which actions are counted
     * @param occurrence which of them is hit, from 1
     */
    public record Target(Class<?> type, int occurrence) {
        public Target {
            Objects.requireNonNull(type, "type");
            if (!Action.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(type.getName() + " is not an Action type");
            }
            if (occurrence < 1) {
                throw new IllegalArgumentException("occurrence counts from 1, was " + occurrence);
            }
        }

        @Override
        public String toString() {
            return type.getSimpleName() + "#" + occurrence;
        }
    }

    /** What an injected fault does to the action occurrence it hits. */
    public sealed interface Effect {

        /** Carries out {@code action} on {@code next} with this effect, waiting on {@code clock}. */
        Object apply(Action<?> action, Executor next, Clock clock, Fault fault) throws Exception;

        /** The kind of this effect. */
        Kind kind();
    }

    /**
     * The action fails with a new {@code error}, made with its {@code (String)} constructor (or its
     * no-argument one), without reaching the executor.
     *
     * @param error the exception class to throw
     */
    public record Fail(Class<? extends Exception> error) implements Effect {
        public Fail {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public Object apply(Action<?> action, Executor next, Clock clock, Fault fault) throws Exception {
            throw create("injected fault: " + fault);
        }

        @Override
        public Kind kind() {
            return Kind.FAIL;
        }

        private Exception create(String message) {
            try {
                return error.getConstructor(String.class).newInstance(message);
            } catch (NoSuchMethodException noMessage) {
                try {
                    return error.getConstructor().newInstance();
                } catch (ReflectiveOperationException impossible) {
                    return new IllegalStateException(error.getName() + " cannot be constructed; " + message, impossible);
                }
            } catch (InvocationTargetException | InstantiationException | IllegalAccessException impossible) {
                return new IllegalStateException(error.getName() + " cannot be constructed; " + message, impossible);
            }
        }
    }

    /**
     * The action waits {@code by} of the clock's time, then reaches the executor as usual.
     *
     * @param by the delay, positive
     */
    public record Slow(Duration by) implements Effect {
        public Slow {
            Objects.requireNonNull(by, "by");
            if (by.isNegative() || by.isZero()) {
                throw new IllegalArgumentException("a slow fault delays by a positive duration, was " + by);
            }
        }

        @Override
        public Object apply(Action<?> action, Executor next, Clock clock, Fault fault) throws Exception {
            clock.sleep(by);
            return next.execute(action);
        }

        @Override
        public Kind kind() {
            return Kind.SLOW;
        }
    }

    /**
     * The action hangs, as a service that stopped answering does, until {@code after} of the clock's
     * time passes; then it fails with {@link ActionTimeoutException}, exactly as under
     * {@link Combinators#timeout(Duration, Clock)}. It never reaches the executor.
     *
     * @param after how long it hangs, positive
     */
    public record TimeOut(Duration after) implements Effect {
        public TimeOut {
            Objects.requireNonNull(after, "after");
            if (after.isNegative() || after.isZero()) {
                throw new IllegalArgumentException("a time-out fault hangs for a positive duration, was " + after);
            }
        }

        @Override
        public Object apply(Action<?> action, Executor next, Clock clock, Fault fault) throws Exception {
            Executor hanging = hung -> {
                clock.await(new CompletableFuture<Void>()); // until the time limit interrupts it
                throw new IllegalStateException("a hung action was woken without an interrupt");
            };
            return hanging.with(Combinators.timeout(after, clock)).execute(action);
        }

        @Override
        public Kind kind() {
            return Kind.TIME_OUT;
        }
    }

    /** A fault failing {@code type}'s {@code occurrence}-th action with a new {@code error}. */
    public static Fault fail(Class<?> type, int occurrence, Class<? extends Exception> error) {
        return new Fault(new Target(type, occurrence), new Fail(error));
    }

    /** A fault delaying {@code type}'s {@code occurrence}-th action by {@code by}. */
    public static Fault slow(Class<?> type, int occurrence, Duration by) {
        return new Fault(new Target(type, occurrence), new Slow(by));
    }

    /** A fault hanging {@code type}'s {@code occurrence}-th action until it times out {@code after}. */
    public static Fault timeOut(Class<?> type, int occurrence, Duration after) {
        return new Fault(new Target(type, occurrence), new TimeOut(after));
    }

    /** Whether this fault makes its action fail (a failure or a time-out, not a delay). */
    public boolean failsAction() {
        return effect.kind() != Kind.SLOW;
    }

    @Override
    public String toString() {
        return switch (effect) {
            case Fail fail -> "fail " + target + " with " + fail.error().getSimpleName();
            case Slow slow -> "slow " + target + " by " + Durations.human(slow.by());
            case TimeOut timeOut -> "time out " + target + " after " + Durations.human(timeOut.after());
        };
    }
}
