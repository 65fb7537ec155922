package dev.pureflow.interpreters.process;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The environment a child process gets: the executor's own with additions and removals, or an
 * exact map and nothing else. Immutable.
 *
 * @param inherits whether the child starts from the executor's environment ({@code false}: from nothing)
 * @param set     variables added or replaced
 * @param unset   variables removed (only meaningful when inheriting)
 */
public record Environment(boolean inherits, Map<String, String> set, Set<String> unset) {

    public Environment {
        set = Map.copyOf(set);
        unset = Set.copyOf(unset);
    }

    /** The executor's own environment, unchanged. */
    public static Environment inherit() {
        return new Environment(true, Map.of(), Set.of());
    }

    /** Exactly {@code variables}, nothing inherited. */
    public static Environment exactly(Map<String, String> variables) {
        return new Environment(false, variables, Set.of());
    }

    /** This environment with {@code name=value}. */
    public Environment with(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Map<String, String> added = new HashMap<>(set);
        added.put(name, value);
        Set<String> removed = new HashSet<>(unset);
        removed.remove(name);
        return new Environment(inherits, added, removed);
    }

    /** This environment without {@code name}. */
    public Environment without(String name) {
        Objects.requireNonNull(name, "name");
        Map<String, String> added = new HashMap<>(set);
        added.remove(name);
        Set<String> removed = new HashSet<>(unset);
        removed.add(name);
        return new Environment(inherits, added, removed);
    }

    /** The variables the child gets, given the executor's own environment {@code parent}. */
    public Map<String, String> resolve(Map<String, String> parent) {
        Map<String, String> resolved = inherits ? new HashMap<>(parent) : new HashMap<>();
        unset.forEach(resolved::remove);
        resolved.putAll(set);
        return resolved;
    }
}
