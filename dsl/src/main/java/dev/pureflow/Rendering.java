package dev.pureflow;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * One rendering by a {@link Redaction}: rebuilds values whose {@code toString} is the default one
 * with named secrets masked, masks the secrets' text in any other {@code toString}, and finds the
 * texts a value keeps from people. Confined to the thread that renders.
 */
final class Rendering {

    /** Deeper than this, a value is shown as its {@code toString} with the secrets found so far masked. */
    private static final int MAX_DEPTH = 32;
    /**
     * Elements of one container rebuilt part by part; a larger one is shown as its own
     * {@code toString} with every secret found under it masked. The search for secrets has no such
     * bound: it looks at everything the {@code toString} shows, which that {@code toString} has
     * walked already, so a secret past any bound would reach people unmasked.
     */
    private static final int MAX_ELEMENTS = 10_000;

    private final Redaction policy;

    Rendering(Redaction policy) {
        this.policy = policy;
    }

    String render(Object value, int depth) {
        if (value == null) {
            return "null";
        }
        String ceiling = String.valueOf(value);
        if (depth <= MAX_DEPTH) {
            Optional<String> rebuilt = rebuild(value, ceiling, depth);
            if (rebuilt.isPresent()) {
                return rebuilt.get();
            }
        }
        return replaceAll(ceiling, secretsOf(value));
    }

    /** The value written part by part with secrets masked, if its {@code toString} is the default one for its kind. */
    private Optional<String> rebuild(Object value, String ceiling, int depth) {
        if (value instanceof Record record) {
            return rebuildRecord(record, ceiling, depth);
        }
        if (value instanceof Map<?, ?> map) {
            return rebuildMap(map, ceiling, depth);
        }
        if (value instanceof Collection<?> collection) {
            return rebuildCollection(collection, ceiling, depth);
        }
        if (value instanceof Optional<?> optional) {
            return optional.isEmpty() ? Optional.of(ceiling)
                    : same(ceiling, "Optional[" + optional.get() + "]", () -> "Optional[" + render(optional.get(), depth + 1) + "]");
        }
        if (value instanceof io.vavr.collection.Map<?, ?> map) {
            return rebuildVavrMap(map, ceiling, depth);
        }
        if (value instanceof io.vavr.collection.Traversable<?> traversable && traversable.isTraversableAgain()
                && traversable.hasDefiniteSize() && traversable.size() <= MAX_ELEMENTS) {
            String prefix = traversable.stringPrefix() + "(";
            return same(ceiling, traversable.mkString(prefix, ", ", ")"),
                    () -> traversable.map(element -> render(element, depth + 1)).mkString(prefix, ", ", ")"));
        }
        if (value instanceof io.vavr.control.Option<?> option && option.isDefined()) {
            return same(ceiling, "Some(" + option.get() + ")", () -> "Some(" + render(option.get(), depth + 1) + ")");
        }
        return Optional.empty();
    }

    private Optional<String> rebuildRecord(Record record, String ceiling, int depth) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Optional<Object[]> values = read(record, components);
        if (values.isEmpty()) {
            StringJoiner unreadable = new StringJoiner(", ", record.getClass().getSimpleName() + "[", "]");
            for (RecordComponent component : components) {
                unreadable.add(component.getName() + "=" + (policy.isSecret(component.getName()) ? Redaction.MASK : "?"));
            }
            return Optional.of(unreadable.toString());
        }
        return same(ceiling, standardText(record, components, values.get()), () -> {
            StringJoiner masked = new StringJoiner(", ", record.getClass().getSimpleName() + "[", "]");
            for (int i = 0; i < components.length; i++) {
                String name = components[i].getName();
                masked.add(name + "=" + (policy.isSecret(name) ? Redaction.MASK : render(values.get()[i], depth + 1)));
            }
            return masked.toString();
        });
    }

    private Optional<String> rebuildMap(Map<?, ?> map, String ceiling, int depth) {
        if (map.size() > MAX_ELEMENTS) {
            return Optional.empty();
        }
        StringJoiner standard = new StringJoiner(", ", "{", "}");
        map.forEach((key, value) -> standard.add(key + "=" + value));
        return same(ceiling, standard.toString(), () -> {
            StringJoiner masked = new StringJoiner(", ", "{", "}");
            map.forEach((key, value) -> masked.add(render(key, depth + 1) + "="
                    + (secretKey(key) ? Redaction.MASK : render(value, depth + 1))));
            return masked.toString();
        });
    }

    private Optional<String> rebuildVavrMap(io.vavr.collection.Map<?, ?> map, String ceiling, int depth) {
        if (map.size() > MAX_ELEMENTS) {
            return Optional.empty();
        }
        String prefix = map.stringPrefix() + "(";
        return same(ceiling, map.mkString(prefix, ", ", ")"), () -> map
                .map(entry -> "(" + render(entry._1, depth + 1) + ", "
                        + (secretKey(entry._1) ? Redaction.MASK : render(entry._2, depth + 1)) + ")")
                .mkString(prefix, ", ", ")"));
    }

    private Optional<String> rebuildCollection(Collection<?> collection, String ceiling, int depth) {
        if (collection.size() > MAX_ELEMENTS) {
            return Optional.empty();
        }
        StringJoiner standard = new StringJoiner(", ", "[", "]");
        collection.forEach(element -> standard.add(String.valueOf(element)));
        return same(ceiling, standard.toString(), () -> {
            StringJoiner masked = new StringJoiner(", ", "[", "]");
            collection.forEach(element -> masked.add(render(element, depth + 1)));
            return masked.toString();
        });
    }

    /** The rebuilt text when the value's own text is what its kind writes by default: then rebuilding shows no more. */
    private static Optional<String> same(String ceiling, String standard, java.util.function.Supplier<String> masked) {
        return ceiling.equals(standard) ? Optional.of(masked.get()) : Optional.empty();
    }

    private boolean secretKey(Object key) {
        return key instanceof CharSequence name && policy.isSecret(name.toString());
    }

    // ---------------------------------------------------------------------------------------------
    // The secrets under a value: what to mask in a toString the policy cannot rebuild.

    /** Texts hidden by a hand-written toString shorter than this are not masked inside messages: they would mask every "a". */
    static final int MIN_HIDDEN_IN_MESSAGES = 4;

    /** The text of every secret under {@code value} worth masking in a message, longest first. */
    List<String> secretsOf(Object value) {
        Secrets found = collect(value);
        LinkedHashSet<String> all = new LinkedHashSet<>(found.named());
        found.hidden().stream().filter(text -> text.length() >= MIN_HIDDEN_IN_MESSAGES).forEach(all::add);
        List<String> secrets = new ArrayList<>(all);
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        return secrets;
    }

    /**
     * The texts under a value that must not be shown: those under a secret name, and the strings a
     * hand-written toString around them does not show.
     */
    record Secrets(java.util.Set<String> named, java.util.Set<String> hidden) {}

    /**
     * A value still to look at; whether it lies under a secret name; and the hand-written toString
     * that shows it, if one does (only what appears in that text is shown).
     */
    private record Pending(Object value, boolean secret, String shownBy) {}

    /**
     * Walks everything under {@code root} with an explicit stack, so any depth and any size is
     * covered (a secret deeper or further in than the rebuilding goes is still found) and a
     * container that holds itself is visited once. Endless and one-shot vavr sequences are not
     * walked: their {@code toString} shows no element it has not computed.
     */
    Secrets collect(Object root) {
        java.util.Set<String> named = new LinkedHashSet<>();
        java.util.Set<String> hidden = new LinkedHashSet<>();
        java.util.ArrayDeque<Pending> pending = new java.util.ArrayDeque<>();
        java.util.Set<Object> visited = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        pending.push(new Pending(root, false, null));
        while (!pending.isEmpty()) {
            Pending next = pending.pop();
            Object value = next.value();
            boolean secret = next.secret();
            String shownBy = next.shownBy();
            if (value == null || (!(value instanceof String) && !visited.add(value))) {
                continue;
            }
            if (secret && !(value instanceof Boolean)) {
                addText(String.valueOf(value), named); // the whole secret, as a toString would write it
            } else if (value instanceof CharSequence text && shownBy != null && !shownBy.contains(text)) {
                addText(text.toString(), hidden);
            }
            if (value instanceof Record record) {
                RecordComponent[] components = record.getClass().getRecordComponents();
                read(record, components).ifPresent(values -> {
                    String by = shownBy != null ? shownBy : handWritten(record, components, values);
                    for (int i = 0; i < components.length; i++) {
                        pending.push(new Pending(values[i], secret || policy.isSecret(components[i].getName()), by));
                    }
                });
            } else if (value instanceof Map<?, ?> map) {
                map.entrySet().forEach(entry -> {
                    pending.push(new Pending(entry.getKey(), secret, shownBy));
                    pending.push(new Pending(entry.getValue(), secret || secretKey(entry.getKey()), shownBy));
                });
            } else if (value instanceof Collection<?> collection) {
                collection.forEach(element -> pending.push(new Pending(element, secret, shownBy)));
            } else if (value instanceof Optional<?> optional) {
                optional.ifPresent(inner -> pending.push(new Pending(inner, secret, shownBy)));
            } else if (value instanceof io.vavr.collection.Map<?, ?> map) {
                map.forEach(entry -> {
                    pending.push(new Pending(entry._1, secret, shownBy));
                    pending.push(new Pending(entry._2, secret || secretKey(entry._1), shownBy));
                });
            } else if (value instanceof io.vavr.collection.Traversable<?> traversable) {
                // never walk a one-shot iterator (that would consume it) nor compute an endless stream
                if (traversable.isTraversableAgain() && traversable.hasDefiniteSize()) {
                    traversable.forEach(element -> pending.push(new Pending(element, secret, shownBy)));
                }
            } else if (value instanceof io.vavr.control.Option<?> option) {
                option.forEach(inner -> pending.push(new Pending(inner, secret, shownBy)));
            } else if (value instanceof Object[] array) {
                for (Object element : array) {
                    pending.push(new Pending(element, secret, shownBy));
                }
            }
        }
        return new Secrets(named, hidden);
    }

    /** The record's own toString if it is hand-written (not what the default record toString writes), else null. */
    private static String handWritten(Record record, RecordComponent[] components, Object[] values) {
        String own = String.valueOf(record);
        return own.equals(standardText(record, components, values)) ? null : own;
    }

    private static String standardText(Record record, RecordComponent[] components, Object[] values) {
        StringJoiner standard = new StringJoiner(", ", record.getClass().getSimpleName() + "[", "]");
        for (int i = 0; i < components.length; i++) {
            standard.add(components[i].getName() + "=" + values[i]);
        }
        return standard.toString();
    }

    private static void addText(String text, java.util.Set<String> found) {
        if (!text.isEmpty() && !text.equals(Redaction.MASK)) {
            found.add(text);
        }
    }

    static String replaceAll(String text, List<String> secrets) {
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, Redaction.MASK);
        }
        return masked;
    }

    /**
     * The record's component values through its accessors: directly when they are public and
     * exported (records of any package), else by making them accessible where the module allows
     * it; empty where neither works, never an exception.
     */
    private static Optional<Object[]> read(Record record, RecordComponent[] components) {
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Method accessor = components[i].getAccessor();
            try {
                if (!accessor.canAccess(record) && !accessor.trySetAccessible()) {
                    return Optional.empty();
                }
                values[i] = accessor.invoke(record);
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException unreadable) {
                return Optional.empty();
            }
        }
        return Optional.of(values);
    }
}
