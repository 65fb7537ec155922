package dev.pureflow.interpreters.fake;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.Redaction;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import java.util.Objects;

/**
 * A strict fake: the flow must perform exactly the scripted actions, in order, and gets each
 * step's scripted answer. An unexpected action fails the step (and the test) showing the expected
 * and the actual action and the steps done so far; {@link #verify()} (or {@link #close()}, for
 * try-with-resources) fails if scripted steps were left over.
 *
 * <pre>{@code
 * try (ScriptedExecutor script = ScriptedExecutor.builder()
 *         .expect(new Fetch("users", 2), List.of("User0", "User1"))
 *         .expect(new Greet("User0"), null)
 *         .expectFailure(new Greet("User1"), new IOException("offline"))
 *         .build()) {
 *     Runner.of(script).attempt(flow);
 * }
 * }</pre>
 *
 * <p>Thread-safe; meant for sequential flows, since parallel branches perform in no fixed order.
 */
public final class ScriptedExecutor implements Executor, AutoCloseable {

    /** How mismatches show actions: the one policy, so environments and stdin stay masked. */
    private static final Redaction SHOWN = Redaction.DEFAULT;

    private final Vector<Expected> script;
    private int next;
    private List<Action<?>> doneReversed = List.empty();
    private ScriptMismatchException firstMismatch;

    private ScriptedExecutor(Vector<Expected> script) {
        this.script = script;
    }

    /** An empty script. */
    public static Builder builder() {
        return new Builder(Vector.empty());
    }

    @Override
    public synchronized Object execute(Action<?> action) throws Exception {
        if (next >= script.size()) {
            throw mismatch("unexpected extra step " + SHOWN.render(action) + ": the script has only " + script.size() + " steps");
        }
        Expected expected = script.get(next);
        if (!expected.action().equals(action)) {
            throw mismatch("step " + (next + 1) + " was expected to be\n    " + SHOWN.render(expected.action()) + "\n  but the flow performed\n    " + SHOWN.render(action));
        }
        next++;
        doneReversed = doneReversed.prepend(action);
        return expected.answer().apply(action);
    }

    /** The actions performed so far, in order. */
    public synchronized List<Action<?>> performed() {
        return doneReversed.reverse();
    }

    /**
     * Fails if a step went wrong or a scripted step was not performed.
     *
     * @throws ScriptMismatchException naming the first mismatch or the leftover steps
     */
    public synchronized void verify() {
        if (firstMismatch != null) {
            throw firstMismatch;
        }
        if (next < script.size()) {
            throw new ScriptMismatchException((script.size() - next) + " scripted step(s) were not performed:\n    "
                    + script.drop(next).map(step -> SHOWN.render(step.action())).mkString("\n    ") + "\n" + doneSoFar());
        }
    }

    /** Same as {@link #verify()}, for try-with-resources. */
    @Override
    public void close() {
        verify();
    }

    private ScriptMismatchException mismatch(String what) {
        ScriptMismatchException mismatch = new ScriptMismatchException(what + "\n" + doneSoFar());
        if (firstMismatch == null) {
            firstMismatch = mismatch;
        }
        return mismatch;
    }

    private String doneSoFar() {
        List<Action<?>> done = doneReversed.reverse();
        return done.isEmpty() ? "steps done so far: none"
                : "steps done so far:\n    " + done.zipWithIndex().map(step -> (step._2 + 1) + ". " + SHOWN.render(step._1)).mkString("\n    ");
    }

    private record Expected(Action<?> action, Answer answer) {}

    /** What a scripted step does: returns its answer or throws its error. */
    @FunctionalInterface
    private interface Answer {
        Object apply(Action<?> action) throws Exception;
    }

    /** Collects the script; immutable, each call returns a new builder. */
    public static final class Builder {
        private final Vector<Expected> script;

        private Builder(Vector<Expected> script) {
            this.script = script;
        }

        /** Expects {@code action} next and answers it with {@code answer}. */
        public <R> Builder expect(Action<R> action, R answer) {
            Objects.requireNonNull(action, "action");
            return new Builder(script.append(new Expected(action, ignored -> answer)));
        }

        /** Expects {@code action} next and fails it with {@code error} (checked or not, as an executor may). */
        public Builder expectFailure(Action<?> action, Exception error) {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(error, "error");
            return new Builder(script.append(new Expected(action, ignored -> {
                throw error;
            })));
        }

        /** The scripted executor. */
        public ScriptedExecutor build() {
            return new ScriptedExecutor(script);
        }
    }
}
