package dev.pureflow;

import io.vavr.collection.HashSet;
import io.vavr.collection.Set;
import java.util.Objects;

/**
 * The one policy that decides how an action (or any value it carries) is shown to people: in log
 * lines, error messages, timings, traces and recordings. Its rules:
 *
 * <ul>
 *   <li>Never more than the value's own {@code toString()}: a value whose class writes its own
 *       {@code toString} (one that hides a password, say) is shown through it, so what it hides
 *       stays hidden. Only a record that uses the default record {@code toString} (and a JDK or vavr
 *       map, collection or optional that uses its default one) is rebuilt, component by component.</li>
 *   <li>Components, and string map keys, with one of the {@linkplain #names() secret names}
 *       (compared ignoring case) are written as {@value #MASK}, at any depth: in nested records,
 *       maps, lists, sets and optionals. Where a value's own {@code toString} is the ceiling (a
 *       hand-written one, or a container of more than 10,000 elements), the text of each secret
 *       found under it, however deep or far in, is replaced by {@value #MASK} in what that
 *       {@code toString} writes.</li>
 *   <li>Process environments and stdin are masked by their own {@code toString} (in the
 *       interpreters module), so every rendering, this one included, shows them masked.</li>
 * </ul>
 *
 * <p>{@link #DEFAULT} names no secrets: it shows each value as its {@code toString()} (which masks
 * process environments and stdin). Name secrets with {@link #masking}:
 *
 * <pre>{@code
 * Redaction secrets = Redaction.DEFAULT.masking("password", "token");
 * secrets.render(new Login("ada", "s3cret"));   // Login[user=ada, password=***]
 * }</pre>
 *
 * <p>Records are read through their public accessors; a record whose accessors cannot be reached
 * (a non-public record in a module that does not open its package) is written with each component
 * as {@code ?}. Immutable and thread-safe; rendering never throws for values whose {@code toString}
 * does not.
 *
 * @param names the secret component names, lower case
 */
public record Redaction(Set<String> names) {

    /** What stands for a masked value. */
    public static final String MASK = "***";

    /** No secret names: values are shown as their {@code toString()}. */
    public static final Redaction DEFAULT = new Redaction(HashSet.empty());

    public Redaction {
        Objects.requireNonNull(names, "names");
        names.forEach(name -> Objects.requireNonNull(name, "secret name"));
        names = names.map(Redaction::normalize);
    }

    /** This policy also masking the components (and string map keys) named {@code names}, ignoring case. */
    public Redaction masking(String... names) {
        Objects.requireNonNull(names, "names");
        for (String name : names) {
            Objects.requireNonNull(name, "secret name");
        }
        return new Redaction(this.names.addAll(java.util.List.of(names)));
    }

    /** The text that stands for {@code value} (an action, an answer, an item of a message) for people. */
    public String render(Object value) {
        if (names.isEmpty() || value == null) {
            return String.valueOf(value); // the ceiling, which masks process environments and stdin itself
        }
        return new Rendering(this).render(value, 0);
    }

    /**
     * {@code text} (an error message about {@code source}, say) with the text of every secret of
     * {@code source} replaced by {@value #MASK}: values under a secret name, and strings of 4 or more
     * characters that a hand-written {@code toString} in {@code source} hides (a process's
     * environment values and stdin text, a password the action's {@code toString} leaves out).
     */
    public String maskIn(String text, Object source) {
        Objects.requireNonNull(text, "text");
        if (source == null) {
            return text;
        }
        return Rendering.replaceAll(text, new Rendering(this).secretsOf(source));
    }

    /**
     * Every text under {@code value} that this policy keeps from people, for a file that stores the
     * value (a recording) to mask: the value of each component or map entry with a secret name
     * (written as its {@code toString}), and each string that a hand-written {@code toString}
     * around it does not show. Never more than the value's own {@code toString} reaches people, so
     * never more may reach a file.
     */
    public java.util.Set<String> secretsIn(Object value) {
        if (value == null) {
            return java.util.Set.of();
        }
        Rendering.Secrets secrets = new Rendering(this).collect(value);
        java.util.Set<String> all = new java.util.LinkedHashSet<>(secrets.named());
        all.addAll(secrets.hidden());
        return java.util.Collections.unmodifiableSet(all);
    }

    /** Whether {@code name} (of a component or a map key) is a secret's. */
    public boolean isSecret(String name) {
        return name != null && names.contains(normalize(name));
    }

    private static String normalize(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }
}
