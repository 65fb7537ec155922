package dev.pureflow.interpreters.process;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The environment a child process gets: the executor's own with additions and removals, or an
 * exact map and nothing else. Immutable.
 *
 * <p>Values may be secrets (tokens, passwords), so this environment's {@code toString}, and with
 * it every log line, error message, trace and recording pureflow writes, shows each value as
 * {@code ***}, except the values of the variables set with {@link #withVisible} (or
 * {@link Command#withVisibleEnv}): asking for a value to be shown is the only way it is.
 *
 * @param inherits whether the child starts from the executor's environment ({@code false}: from nothing)
 * @param set      variables added or replaced
 * @param unset    variables removed (only meaningful when inheriting)
 * @param visible  names of variables in {@code set} whose values may be shown
 */
public record Environment(boolean inherits, Map<String, String> set, Set<String> unset, Set<String> visible) {

    public Environment {
        set = Map.copyOf(set);
        unset = Set.copyOf(unset);
        visible = Set.copyOf(visible);
    }

    /** An environment whose values are all masked where it is shown. */
    public Environment(boolean inherits, Map<String, String> set, Set<String> unset) {
        this(inherits, set, unset, Set.of());
    }

    /** The executor's own environment, unchanged. */
    public static Environment inherit() {
        return new Environment(true, Map.of(), Set.of());
    }

    /** Exactly {@code variables}, nothing inherited; their values masked where shown. */
    public static Environment exactly(Map<String, String> variables) {
        return new Environment(false, variables, Set.of());
    }

    /** This environment with {@code name=value}, the value masked where it is shown. */
    public Environment with(String name, String value) {
        return put(name, value, false);
    }

    /** This environment with {@code name=value}, the value shown in messages, logs and recordings. */
    public Environment withVisible(String name, String value) {
        return put(name, value, true);
    }

    private Environment put(String name, String value, boolean shown) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Map<String, String> added = new HashMap<>(set);
        added.put(name, value);
        Set<String> removed = new HashSet<>(unset);
        removed.remove(name);
        Set<String> showing = new HashSet<>(visible);
        if (shown) {
            showing.add(name);
        } else {
            showing.remove(name);
        }
        return new Environment(inherits, added, removed, showing);
    }

    /** This environment without {@code name}. */
    public Environment without(String name) {
        Objects.requireNonNull(name, "name");
        Map<String, String> added = new HashMap<>(set);
        added.remove(name);
        Set<String> removed = new HashSet<>(unset);
        removed.add(name);
        Set<String> showing = new HashSet<>(visible);
        showing.remove(name);
        return new Environment(inherits, added, removed, showing);
    }

    /** The variables the child gets, given the executor's own environment {@code parent}. */
    public Map<String, String> resolve(Map<String, String> parent) {
        Map<String, String> resolved = inherits ? new HashMap<>(parent) : new HashMap<>();
        unset.forEach(resolved::remove);
        resolved.putAll(set);
        return resolved;
    }

    /** Whether {@code name}'s value may be shown. */
    public boolean isVisible(String name) {
        return visible.contains(name);
    }

    /** {@code Environment[inherits=true, set={API_TOKEN=***, LANG=C}, unset=[]]}: names sorted, values masked unless visible. */
    @Override
    public String toString() {
        StringJoiner variables = new StringJoiner(", ", "{", "}");
        new TreeMap<>(set).forEach((name, value) -> variables.add(name + "=" + (isVisible(name) ? value : "***")));
        return "Environment[inherits=" + inherits + ", set=" + variables + ", unset=" + new TreeSet<>(unset) + "]";
    }
}
