package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The result type an action class declares is resolved for each class, so a class loaded again
 * by another class loader (a reloaded plugin, say) is resolved afresh: for every way a class can
 * declare its result type, the copy resolves to what the original declares. (It is also how a
 * mutation test sees the resolution at all: PIT swaps a mutant of {@code ResultTypes} into a JVM
 * whose cache already holds the answer for every class the tests used before.)
 */
class ResultTypesReloadedTest {

    public record Direct() implements Action<Integer> {}

    public interface Family<R> extends Action<R> {}

    public record Member() implements Family<Long> {}

    public interface Two<A, B> extends Action<B> {}

    public record Second() implements Two<String, Double> {}

    public interface Deeper<X> extends Two<X, List<X>> {}

    public record Deepest() implements Deeper<String> {}

    public abstract static class Base<R> implements Action<R> {}

    public static final class Concrete extends Base<String> {}

    public interface Fixed extends Action<Short> {}

    public record ThroughAPlainFamily() implements Fixed {}

    public record Listing() implements Action<List<String>> {}

    public record Texts() implements Action<String[]> {}

    public record Lists<T>() implements Action<List<T>[]> {}

    public record Generic<T>() implements Action<T> {}

    public record Comparing() implements Comparable<Comparing>, Action<Byte> {
        @Override
        public int compareTo(Comparing other) {
            return 0;
        }
    }

    @SuppressWarnings("rawtypes")
    public record Raw() implements Action {}

    @Test
    void a_reloaded_action_class_resolves_to_the_result_type_its_original_declares() {
        assertResolves(Direct.class, Integer.class);
        assertResolves(Member.class, Long.class);
        assertResolves(Second.class, Double.class);
        assertResolves(Deepest.class, List.class);
        assertResolves(Concrete.class, String.class);
        assertResolves(ThroughAPlainFamily.class, Short.class);
        assertResolves(Listing.class, List.class);
        assertResolves(Texts.class, String[].class);
        assertResolves(Lists.class, List[].class);
        assertResolves(Generic.class, Object.class);
        assertResolves(Comparing.class, Byte.class);
        assertResolves(Raw.class, Object.class);
    }

    private static void assertResolves(Class<?> original, Class<?> declared) {
        Class<?> copy = reloaded(original);

        assertThat(copy).as("a copy, not the class itself").isNotSameAs(original);
        assertThat(ResultTypes.declared(copy)).as("what %s declares", original.getSimpleName()).isEqualTo(declared);
        assertThat(ResultTypes.declared(original)).isEqualTo(declared);
    }

    /** A fresh copy of {@code type} defined by a class loader of its own (everything else comes from the original loader). */
    private static Class<?> reloaded(Class<?> type) {
        String name = type.getName();
        try (InputStream in = type.getClassLoader().getResourceAsStream(name.replace('.', '/') + ".class")) {
            byte[] bytes = in.readAllBytes();
            var loader = new ClassLoader(type.getClassLoader()) {
                Class<?> define() {
                    return defineClass(name, bytes, 0, bytes.length);
                }
            };
            return loader.define();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
