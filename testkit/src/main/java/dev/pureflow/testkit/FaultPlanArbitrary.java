package dev.pureflow.testkit;

import dev.pureflow.Action;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/**
 * A jqwik {@link Arbitrary} of {@link FaultPlan}s, configured by immutable {@code with...} methods;
 * made with {@link FaultPlan#arbitrary(Class...)}.
 *
 * <pre>{@code
 * @Provide
 * Arbitrary<FaultPlan> plans() {
 *     return FaultPlan.arbitrary(Fetch.class, Deploy.class)
 *         .withMaxFaults(3)                        // how often: at most 3 faults per plan ...
 *         .withMaxOccurrence(4)                    // ... among the first 4 actions of each type
 *         .withKinds(Fault.Kind.FAIL, Fault.Kind.SLOW)
 *         .withErrors(IOException.class, IllegalStateException.class)
 *         .withMaxDelay(Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p><b>Shrinking.</b> A plan is generated as a list of faults, so jqwik's list shrinking removes
 * faults first; each fault then shrinks component by component toward the simplest one: the first
 * kind ({@link Fault.Kind#FAIL} before {@code SLOW} before {@code TIME_OUT}), the first action type
 * and error class as given, the first occurrence, the shortest delay (in whole milliseconds). A
 * failing property therefore reports the fewest and simplest faults that still break it. Faults of
 * one plan always name distinct occurrences.
 *
 * <p>Defaults: at most 3 faults, occurrences 1 to 3, all kinds, {@link IOException}, delays up to
 * 10 seconds.
 */
public final class FaultPlanArbitrary extends ArbitraryDecorator<FaultPlan> {

    private final List<Class<?>> types;
    private final int maxFaults;
    private final int maxOccurrence;
    private final Set<Fault.Kind> kinds;
    private final List<Class<? extends Exception>> errors;
    private final Duration maxDelay;
    private final int maxConsecutiveFailures;

    private FaultPlanArbitrary(List<Class<?>> types, int maxFaults, int maxOccurrence, Set<Fault.Kind> kinds,
            List<Class<? extends Exception>> errors, Duration maxDelay, int maxConsecutiveFailures) {
        this.types = types;
        this.maxFaults = maxFaults;
        this.maxOccurrence = maxOccurrence;
        this.kinds = kinds;
        this.errors = errors;
        this.maxDelay = maxDelay;
        this.maxConsecutiveFailures = maxConsecutiveFailures;
    }

    static FaultPlanArbitrary of(List<Class<?>> types) {
        Objects.requireNonNull(types, "types");
        if (types.isEmpty()) {
            throw new IllegalArgumentException("name at least one action type that faults may hit");
        }
        types.forEach(type -> {
            Objects.requireNonNull(type, "type");
            if (!Action.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(type.getName() + " is not an Action type");
            }
        });
        return new FaultPlanArbitrary(List.copyOf(types), 3, 3, EnumSet.allOf(Fault.Kind.class),
                List.of(IOException.class), Duration.ofSeconds(10), Integer.MAX_VALUE);
    }

    /** Plans with at most {@code maxFaults} faults (0 allowed: the plan in which nothing goes wrong). */
    public FaultPlanArbitrary withMaxFaults(int maxFaults) {
        if (maxFaults < 0) {
            throw new IllegalArgumentException("maxFaults must not be negative, was " + maxFaults);
        }
        return new FaultPlanArbitrary(types, maxFaults, maxOccurrence, kinds, errors, maxDelay, maxConsecutiveFailures);
    }

    /** Faults hit occurrences 1 to {@code maxOccurrence} of each type. */
    public FaultPlanArbitrary withMaxOccurrence(int maxOccurrence) {
        if (maxOccurrence < 1) {
            throw new IllegalArgumentException("maxOccurrence must be at least 1, was " + maxOccurrence);
        }
        return new FaultPlanArbitrary(types, maxFaults, maxOccurrence, kinds, errors, maxDelay, maxConsecutiveFailures);
    }

    /** Faults of these kinds only; shrinking prefers them in {@link Fault.Kind} order. */
    public FaultPlanArbitrary withKinds(Fault.Kind... kinds) {
        if (kinds.length == 0) {
            throw new IllegalArgumentException("name at least one kind of fault");
        }
        return new FaultPlanArbitrary(types, maxFaults, maxOccurrence, EnumSet.copyOf(List.of(kinds)), errors, maxDelay,
                maxConsecutiveFailures);
    }

    /** Failing actions throw one of these (shrinking toward the first). */
    @SafeVarargs
    public final FaultPlanArbitrary withErrors(Class<? extends Exception>... errors) {
        if (errors.length == 0) {
            throw new IllegalArgumentException("name at least one error class");
        }
        return new FaultPlanArbitrary(types, maxFaults, maxOccurrence, kinds, List.of(errors), maxDelay,
                maxConsecutiveFailures);
    }

    /** Slow and hanging actions wait at most {@code maxDelay} (at least 1 ms). */
    public FaultPlanArbitrary withMaxDelay(Duration maxDelay) {
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxDelay.toMillis() < 1) {
            throw new IllegalArgumentException("maxDelay must be at least 1ms, was " + maxDelay);
        }
        return new FaultPlanArbitrary(types, maxFaults, maxOccurrence, kinds, errors, maxDelay, maxConsecutiveFailures);
    }

    /**
     * Only plans in which no action type fails more than {@code limit} times in a row
     * ({@link FaultPlan#maxConsecutiveFailures()}): the plans a retry policy with {@code limit + 1}
     * attempts must survive.
     */
    public FaultPlanArbitrary withAtMostConsecutiveFailures(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        return new FaultPlanArbitrary(types, maxFaults, maxOccurrence, kinds, errors, maxDelay, limit);
    }

    @Override
    protected Arbitrary<FaultPlan> arbitrary() {
        List<Fault.Kind> kindOrder = kinds.stream().sorted().toList();
        Arbitrary<Fault> fault = Combinators.combine(
                Arbitraries.integers().between(0, kindOrder.size() - 1),
                Arbitraries.integers().between(0, types.size() - 1),
                Arbitraries.integers().between(1, maxOccurrence),
                Arbitraries.integers().between(0, errors.size() - 1),
                Arbitraries.longs().between(1, maxDelay.toMillis()))
                .as((kind, type, occurrence, error, delayMillis) -> fault(
                        kindOrder.get(kind), new Fault.Target(types.get(type), occurrence), errors.get(error),
                        Duration.ofMillis(delayMillis)));
        Arbitrary<FaultPlan> plans = fault.list().ofMaxSize(maxFaults).uniqueElements(Fault::target).map(FaultPlan::new);
        return maxConsecutiveFailures == Integer.MAX_VALUE
                ? plans
                : plans.filter(plan -> plan.maxConsecutiveFailures() <= maxConsecutiveFailures);
    }

    private static Fault fault(Fault.Kind kind, Fault.Target target, Class<? extends Exception> error, Duration delay) {
        return switch (kind) {
            case FAIL -> new Fault(target, new Fault.Fail(error));
            case SLOW -> new Fault(target, new Fault.Slow(delay));
            case TIME_OUT -> new Fault(target, new Fault.TimeOut(delay));
        };
    }

    @Override
    public String toString() {
        return "FaultPlanArbitrary[types=" + types.stream().map(Class::getSimpleName).toList() + ", maxFaults=" + maxFaults
                + ", maxOccurrence=" + maxOccurrence + ", kinds=" + kinds + ", maxDelay=" + Durations.human(maxDelay) + "]";
    }
}
