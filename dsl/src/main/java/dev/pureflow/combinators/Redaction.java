package dev.pureflow.combinators;

import dev.pureflow.Action;
import io.vavr.collection.HashSet;
import io.vavr.collection.Set;
import java.lang.reflect.RecordComponent;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * How an action is written into a log line, so that secrets (passwords, tokens) never reach it.
 * Implementations must be thread-safe and must not throw.
 */
@FunctionalInterface
public interface Redaction {

    /** Writes actions as their {@code toString()}. */
    Redaction NONE = String::valueOf;

    /** The text that stands for {@code action} in a log line. */
    String render(Action<?> action);

    /**
     * Writes record actions as {@code Name[a=1, password=***]}, hiding the components with the given
     * names; other actions as their {@code toString()}.
     */
    static Redaction components(String... names) {
        Objects.requireNonNull(names, "names");
        Set<String> hidden = HashSet.of(names);
        hidden.forEach(name -> Objects.requireNonNull(name, "component name"));
        return action -> action.getClass().isRecord() ? renderRecord(action, hidden) : String.valueOf(action);
    }

    private static String renderRecord(Action<?> action, Set<String> hidden) {
        StringJoiner fields = new StringJoiner(", ", action.getClass().getSimpleName() + "[", "]");
        for (RecordComponent component : action.getClass().getRecordComponents()) {
            String shown;
            if (hidden.contains(component.getName())) {
                shown = "***";
            } else {
                try {
                    component.getAccessor().setAccessible(true);
                    shown = String.valueOf(component.getAccessor().invoke(action));
                } catch (ReflectiveOperationException | RuntimeException unreadable) {
                    shown = "?";
                }
            }
            fields.add(component.getName() + "=" + shown);
        }
        return fields.toString();
    }
}
