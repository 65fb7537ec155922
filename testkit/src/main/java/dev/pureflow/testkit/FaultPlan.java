package dev.pureflow.testkit;

import dev.pureflow.Action;
import dev.pureflow.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which action occurrences of a run go wrong, and how: fault injection as data. An occurrence not
 * named by any fault succeeds as the wrapped executor says. Immutable; reads as
 * {@code fail Fetch#2 with IOException; slow Deploy#1 by 3s}.
 *
 * <pre>{@code
 * FaultPlan plan = FaultPlan.NONE
 *     .fail(Fetch.class, 2, IOException.class)        // the second Fetch fails
 *     .slow(Deploy.class, 1, Duration.ofSeconds(3));  // the first Deploy starts 3 s late
 * Executor world = fake.with(plan.injecting(clock)).with(retried(policy, clock));
 * }</pre>
 *
 * <p>Apply a plan with {@link #injecting(Clock)} on top of any executor (usually a fake), below the
 * combinators under test: each attempt of a retried action is then an occurrence of its own.
 * Generate plans with {@link #arbitrary(Class...)}; they shrink toward fewer and simpler faults.
 * When two faults name the same occurrence, the first one wins.
 *
 * @param faults the faults, in the order they are reported and tried
 */
public record FaultPlan(List<Fault> faults) {

    /** The plan in which nothing goes wrong. */
    public static final FaultPlan NONE = new FaultPlan(List.of());

    public FaultPlan {
        faults = List.copyOf(faults);
    }

    /** A plan of these faults. */
    public static FaultPlan of(Fault... faults) {
        return new FaultPlan(List.of(faults));
    }

    /** This plan and {@code fault}. */
    public FaultPlan with(Fault fault) {
        Objects.requireNonNull(fault, "fault");
        List<Fault> more = new ArrayList<>(faults);
        more.add(fault);
        return new FaultPlan(more);
    }

    /** This plan failing {@code type}'s {@code occurrence}-th action with a new {@code error}. */
    public FaultPlan fail(Class<?> type, int occurrence, Class<? extends Exception> error) {
        return with(Fault.fail(type, occurrence, error));
    }

    /** This plan delaying {@code type}'s {@code occurrence}-th action by {@code by}. */
    public FaultPlan slow(Class<?> type, int occurrence, Duration by) {
        return with(Fault.slow(type, occurrence, by));
    }

    /** This plan hanging {@code type}'s {@code occurrence}-th action until it times out {@code after}. */
    public FaultPlan timeOut(Class<?> type, int occurrence, Duration after) {
        return with(Fault.timeOut(type, occurrence, after));
    }

    /**
     * A combinator that applies this plan to the executor it wraps, waiting on {@code clock} for
     * slow and hanging actions (pass the run's virtual clock). Each application counts occurrences
     * afresh; see {@link FaultInjection}.
     */
    public FaultInjection injecting(Clock clock) {
        return new FaultInjection(this, Objects.requireNonNull(clock, "clock"));
    }

    /**
     * The longest run of consecutive occurrences of one action type that this plan makes fail
     * (failures and time-outs; delays do not count). 0 for a plan without failures.
     */
    public int maxConsecutiveFailures() {
        Map<String, List<Integer>> failingByType = new TreeMap<>();
        faults.stream().filter(Fault::failsAction).forEach(fault -> failingByType
                .computeIfAbsent(fault.target().type().getName(), type -> new ArrayList<>())
                .add(fault.target().occurrence()));
        int longest = 0;
        for (List<Integer> occurrences : failingByType.values()) {
            List<Integer> sorted = occurrences.stream().distinct().sorted(Comparator.naturalOrder()).toList();
            int run = 0;
            for (int i = 0; i < sorted.size(); i++) {
                run = i > 0 && sorted.get(i) == sorted.get(i - 1) + 1 ? run + 1 : 1;
                longest = Math.max(longest, run);
            }
        }
        return longest;
    }

    /** Whether the plan has no faults. */
    public boolean isEmpty() {
        return faults.isEmpty();
    }

    /**
     * A builder of jqwik arbitraries of plans whose faults hit actions of {@code types}: records,
     * whole families such as {@code Db.class} for a generic {@code Db<R> extends Action<R>}, or
     * {@code Action.class} for any action. A type parameter rather than
     * {@code Class<? extends Action<?>>}, as in {@code RetryPolicy.forActions}: the literal of a
     * generic family is a {@code Class} of the raw type, which only an inferred type variable accepts.
     */
    @SafeVarargs
    public static <F extends Action<?>> FaultPlanArbitrary arbitrary(Class<? extends F>... types) {
        Objects.requireNonNull(types, "types");
        return FaultPlanArbitrary.of(Arrays.asList(types)); // not List.of: a null type is reported by name there
    }

    @Override
    public String toString() {
        return faults.isEmpty() ? "no faults" : faults.stream().map(Fault::toString).collect(Collectors.joining("; "));
    }
}
