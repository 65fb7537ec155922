package dev.pureflow.testkit;

import dev.pureflow.Action;
import dev.pureflow.Clock;
import dev.pureflow.Combinator;
import dev.pureflow.Executor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link FaultPlan} applied to an executor: a combinator that counts the actions reaching it and
 * lets the plan's faults hit their occurrences. It remembers which faults fired, for reports.
 *
 * <p>Occurrences are counted in the order actions reach it, across every executor it wraps; inside a
 * parallel block that order is the threads' unless a {@link Schedule} fixes it. Thread-safe. Make a
 * new one (with {@link FaultPlan#injecting}) for each run.
 */
public final class FaultInjection implements Combinator {

    private final FaultPlan plan;
    private final Clock clock;
    private final Map<Class<?>, Integer> seen = new HashMap<>();
    private final List<Fault> fired = new ArrayList<>();

    FaultInjection(FaultPlan plan, Clock clock) {
        this.plan = plan;
        this.clock = clock;
    }

    @Override
    public Executor apply(Executor next) {
        Objects.requireNonNull(next, "next");
        return Combinator.around((action, inner) -> {
            Optional<Fault> fault = arrive(action);
            return fault.isPresent() ? fault.get().effect().apply(action, inner, clock, fault.get()) : inner.execute(action);
        }).apply(next);
    }

    /** The plan applied. */
    public FaultPlan plan() {
        return plan;
    }

    /** The faults that hit an action so far, in the order they did. */
    public synchronized List<Fault> fired() {
        return List.copyOf(fired);
    }

    /** Counts {@code action} as an occurrence of every type of the plan it belongs to; the fault it meets, if any. */
    private synchronized Optional<Fault> arrive(Action<?> action) {
        Map<Class<?>, Integer> counts = new HashMap<>();
        for (Fault fault : plan.faults()) {
            Class<?> type = fault.target().type();
            if (type.isInstance(action) && !counts.containsKey(type)) {
                counts.put(type, seen.merge(type, 1, Integer::sum));
            }
        }
        for (Fault fault : plan.faults()) {
            Integer count = counts.get(fault.target().type());
            if (count != null && count == fault.target().occurrence()) {
                fired.add(fault);
                return Optional.of(fault);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "FaultInjection[" + plan + "]";
    }
}
