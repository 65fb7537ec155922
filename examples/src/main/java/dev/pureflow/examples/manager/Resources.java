package dev.pureflow.examples.manager;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The units a {@link Manager} spreads over named resources (say, worker slots per host). Moving
 * units takes two steps, out of one resource and into another, so the total is short in between:
 * a reader that could see the middle of a move would count wrong. The manager's owner makes sure
 * none can.
 *
 * <p>Not thread-safe, on purpose: only the manager's owner loop touches it.
 */
final class Resources {

    private final Map<String, Integer> units;
    private long moves;

    Resources(Map<String, Integer> initial) {
        this.units = new LinkedHashMap<>(Objects.requireNonNull(initial, "initial"));
    }

    /** Moves up to {@code count} units from {@code from} to {@code to}: as many as {@code from} has. */
    void move(String from, String to, int count) {
        int moved = Math.min(count, units.getOrDefault(from, 0));
        units.merge(from, -moved, Integer::sum); // the total is short here, until the next line
        units.merge(to, moved, Integer::sum);
        moves++;
    }

    Snapshot snapshot() {
        return new Snapshot(Map.copyOf(units), moves);
    }
}
