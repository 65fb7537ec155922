package dev.pureflow.examples.manager;

import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Manager}'s resources held at one moment: units per resource and how many moves
 * had been made. Immutable.
 *
 * @param units units per resource
 * @param moves the number of moves made before this snapshot
 */
public record Snapshot(Map<String, Integer> units, long moves) {

    /** Copies {@code units}. */
    public Snapshot {
        units = Map.copyOf(Objects.requireNonNull(units, "units"));
    }

    /** The units over all resources. */
    public int total() {
        return units.values().stream().mapToInt(Integer::intValue).sum();
    }
}
