package dev.pureflow.testkit;

import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;
import net.jqwik.api.sessions.JqwikSession;

/**
 * Checks a property programmatically: draws values from a jqwik {@link Arbitrary} with a fixed seed
 * and, when one breaks the property, shrinks it with the arbitrary's own shrinking to a value that
 * still breaks it and none of whose shrink candidates does. For tests about properties — "this
 * property finds the planted bug, and the smallest counterexample is exactly this plan" — where
 * {@code @Property} would only fail.
 *
 * <pre>{@code
 * Optional<PropertyCheck.Counterexample<FaultPlan>> found = PropertyCheck.falsify(
 *     FaultPlan.arbitrary(Step.class), 42L, 200,
 *     plan -> FaultRun.of(flow, plan, world).check(run -> assertThat(run.trace()).performed(new Cleanup())));
 * assertThat(found).get().extracting(c -> c.shrunk().toString()).isEqualTo("fail Step#2 with IOException");
 * }</pre>
 *
 * <p>Call it from a plain JUnit test: it opens a {@link JqwikSession} for the arbitraries when none is
 * active. Deterministic: the same arbitrary, seed and property give the same counterexample. Shrinking
 * is greedy (the first candidate that still fails is taken) and bounded by {@link #MAX_SHRINK_STEPS}.
 * Stateless and thread-safe.
 */
public final class PropertyCheck {

    /** At most this many shrinking steps are taken. */
    public static final int MAX_SHRINK_STEPS = 1000;

    /** At most this many candidates are tried in one shrinking step. */
    public static final int MAX_CANDIDATES_PER_STEP = 500;

    private static final int GEN_SIZE = 1000;

    private PropertyCheck() {}

    /**
     * A value that broke the property, and what it shrank to.
     *
     * @param original    the first generated value that broke the property
     * @param shrunk      the smallest value found that still breaks it
     * @param error       what the property threw for {@code shrunk}
     * @param tries       how many values were tried before {@code original}, plus one
     * @param shrinkSteps how many shrinking steps led from {@code original} to {@code shrunk}
     * @param <T>         the type of the values
     */
    public record Counterexample<T>(T original, T shrunk, Throwable error, int tries, int shrinkSteps) {}

    /**
     * Tries up to {@code tries} values of {@code arbitrary} drawn from {@code seed}; a value breaks the
     * property when {@code property} throws (an {@link AssertionError} or any other exception).
     *
     * @return the shrunk counterexample, or empty if every value passed
     */
    public static <T> Optional<Counterexample<T>> falsify(Arbitrary<T> arbitrary, long seed, int tries, Consumer<? super T> property) {
        Objects.requireNonNull(arbitrary, "arbitrary");
        Objects.requireNonNull(property, "property");
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be at least 1, was " + tries);
        }
        // outside a jqwik property, arbitraries need a session of their own (jqwik's JqwikSession)
        boolean ownSession = !JqwikSession.isActive();
        if (ownSession) {
            JqwikSession.start();
        }
        try {
            RandomGenerator<T> generator = arbitrary.generator(GEN_SIZE);
            Random random = new Random(seed);
            for (int attempt = 1; attempt <= tries; attempt++) {
                Shrinkable<T> candidate = generator.next(random);
                Optional<Throwable> broken = breaks(property, candidate.value());
                if (broken.isPresent()) {
                    return Optional.of(shrink(candidate, broken.get(), property, attempt));
                }
            }
            return Optional.empty();
        } finally {
            if (ownSession) {
                JqwikSession.finish();
            }
        }
    }

    private static <T> Counterexample<T> shrink(Shrinkable<T> start, Throwable startError, Consumer<? super T> property, int tries) {
        Shrinkable<T> current = start;
        Throwable error = startError;
        int steps = 0;
        boolean progressed = true;
        while (progressed && steps < MAX_SHRINK_STEPS) {
            progressed = false;
            Iterator<Shrinkable<T>> candidates = current.shrink().limit(MAX_CANDIDATES_PER_STEP).iterator();
            while (candidates.hasNext()) {
                Shrinkable<T> smaller = candidates.next();
                Optional<Throwable> broken = breaks(property, smaller.value());
                if (broken.isPresent()) {
                    current = smaller;
                    error = broken.get();
                    steps++;
                    progressed = true;
                    break;
                }
            }
        }
        return new Counterexample<>(start.value(), current.value(), error, tries, steps);
    }

    private static <T> Optional<Throwable> breaks(Consumer<? super T> property, T value) {
        try {
            property.accept(value);
            return Optional.empty();
        } catch (AssertionError | RuntimeException broken) {
            return Optional.of(broken);
        }
    }
}
