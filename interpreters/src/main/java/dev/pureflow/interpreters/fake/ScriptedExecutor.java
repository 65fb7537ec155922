package dev.pureflow.interpreters.fake;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.Redaction;
import dev.pureflow.Step;
import dev.pureflow.StepListener;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.Duration;
import java.util.Arrays;
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
 * <p><b>Scripting the interesting calls only.</b> With a {@linkplain Builder#fallback fallback}, an
 * action equal to no step of the script goes to the fallback executor instead of failing, so a test
 * scripts the calls it is about and fakes the rest; the scripted ones are still checked, in order.
 *
 * <p><b>Parallel blocks.</b> {@link Builder#expectParallel} scripts steps that must run in one
 * parallel block, in any order among themselves: each in its own branch of the same block. The
 * check reads the steps' branches ({@code main/1/0}, {@code main/1/1}: see {@link Step#branch()}),
 * which do not depend on scheduling or on the executor's parallelism, so it is deterministic; give
 * the run the script's {@link #listener()} so that the script sees them. Each block names its
 * branches after its own place in the flow ({@code main/1/i} for the block that is step 1 of
 * {@code main}), so steps of two blocks one after another never pass for one block's.
 *
 * <p>Thread-safe. Outside parallel groups the script fixes one order, so it suits sequential flows.
 */
public final class ScriptedExecutor implements Executor, AutoCloseable {

    /** How mismatches show actions: the one policy, so environments and stdin stay masked. */
    private static final Redaction SHOWN = Redaction.DEFAULT;

    private final Vector<Item> script;
    private final Set<Action<?>> scriptedActions;
    private final Option<Executor> fallback;
    private final Listener listener = new Listener();
    private int nextItem;
    /** Which members of the current parallel group have been performed, and in which branch. */
    private String[] groupBranches;
    private List<Action<?>> doneReversed = List.empty();
    private ScriptMismatchException firstMismatch;

    private ScriptedExecutor(Vector<Item> script, Option<Executor> fallback) {
        this.script = script;
        this.scriptedActions = HashSet.ofAll(script.flatMap(Item::steps).map(Expected::action));
        this.fallback = fallback;
    }

    /** An empty script. */
    public static Builder builder() {
        return new Builder(Vector.empty(), Option.none());
    }

    @Override
    public Object execute(Action<?> action) throws Exception {
        Objects.requireNonNull(action, "action");
        Option<Expected> scripted = match(action);
        if (scripted.isEmpty()) {
            return fallback.get().execute(action); // outside the lock: the fallback may take its time
        }
        return scripted.get().answer().apply(action);
    }

    /** The scripted step {@code action} performs, or none for the fallback to take; throws a mismatch. */
    private synchronized Option<Expected> match(Action<?> action) {
        if (fallback.isDefined() && !scriptedActions.contains(action)) {
            return Option.none();
        }
        if (nextItem >= script.size()) {
            throw mismatch("unexpected extra step " + SHOWN.render(action) + ": the script has only " + stepCount() + " steps");
        }
        Option<Expected> matched = switch (script.get(nextItem)) {
            case Single single -> matchSingle(single, action);
            case Parallel parallel -> matchInGroup(parallel, action);
        };
        doneReversed = doneReversed.prepend(action);
        return matched;
    }

    private Option<Expected> matchSingle(Single single, Action<?> action) {
        if (!single.step().action().equals(action)) {
            throw mismatch("step " + (done() + 1) + " was expected to be\n    " + SHOWN.render(single.step().action())
                    + "\n  but the flow performed\n    " + SHOWN.render(action));
        }
        nextItem++;
        return Option.some(single.step());
    }

    private Option<Expected> matchInGroup(Parallel group, Action<?> action) {
        if (groupBranches == null) {
            groupBranches = new String[group.steps().size()];
        }
        int member = -1;
        for (int i = 0; i < group.steps().size() && member < 0; i++) {
            if (groupBranches[i] == null && group.steps().get(i).action().equals(action)) {
                member = i;
            }
        }
        if (member < 0) {
            throw mismatch("step " + (done() + 1) + " was expected to be one of the parallel steps\n    "
                    + remainingInGroup(group).map(SHOWN::render).mkString("\n    ") + "\n  but the flow performed\n    " + SHOWN.render(action));
        }
        Option<String> branch = listener.branchOfCurrentStep();
        if (branch.isEmpty()) {
            throw mismatch("step " + (done() + 1) + " " + SHOWN.render(action) + " is scripted to run in a parallel block, but the script "
                    + "cannot see where it ran: give the run the script's listener, options.listener(script.listener())");
        }
        groupBranches[member] = branch.get();
        if (Arrays.stream(groupBranches).allMatch(Objects::nonNull)) {
            String[] branches = groupBranches;
            groupBranches = null;
            nextItem++;
            checkRanInOneBlock(group, branches);
        }
        return Option.some(group.steps().get(member));
    }

    /**
     * Fails unless the branches are distinct branches of one parallel block: below their longest
     * common prefix {@code P}, each is {@code P/i} or inside it, with a different {@code i} each,
     * and {@code P} ends with a block's ordinal ({@code main/k}, {@code main/k/i/k2}, ...: paths
     * alternate block ordinals and branch indices), so steps of two different blocks never pass.
     */
    private void checkRanInOneBlock(Parallel group, String[] branches) {
        List<List<String>> paths = List.of(branches).map(branch -> List.of(branch.split("/")));
        int prefix = commonPrefixLength(paths);
        boolean eachInABranch = prefix % 2 == 0 && paths.forAll(path -> path.size() > prefix);
        boolean distinct = eachInABranch && paths.map(path -> path.get(prefix)).distinct().size() == paths.size();
        if (!distinct) {
            throw mismatch("the steps scripted to run in one parallel block did not each run in a branch of their own:\n    "
                    + group.steps().zipWith(List.of(branches), (step, branch) -> SHOWN.render(step.action()) + " ran in " + branch).mkString("\n    "));
        }
    }

    /** The length of the longest common prefix of {@code paths}. */
    private static int commonPrefixLength(List<List<String>> paths) {
        List<String> first = paths.head();
        int length = 0;
        while (length < first.size()) {
            int at = length;
            if (!paths.forAll(path -> path.size() > at && path.get(at).equals(first.get(at)))) {
                break;
            }
            length++;
        }
        return length;
    }

    private Vector<Action<?>> remainingInGroup(Parallel group) {
        return group.steps().zipWithIndex()
                .filter(step -> groupBranches == null || groupBranches[step._2] == null)
                .map(step -> step._1.action());
    }

    /** The scripted actions performed so far, in order (actions the fallback took are not listed). */
    public synchronized List<Action<?>> performed() {
        return doneReversed.reverse();
    }

    /**
     * The step listener that tells this script in which branch each step runs; a run whose script
     * {@linkplain Builder#expectParallel expects parallel steps} needs it:
     * {@code Runner.of(script).with(options -> options.listener(script.listener()))}.
     */
    public StepListener listener() {
        return listener;
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
        if (nextItem < script.size()) {
            Vector<Action<?>> leftover = script.drop(nextItem).zipWithIndex().flatMap(item -> item._2 == 0 && item._1 instanceof Parallel group
                    ? remainingInGroup(group)
                    : item._1.steps().map(Expected::action));
            throw new ScriptMismatchException(leftover.size() + " scripted step(s) were not performed:\n    "
                    + leftover.map(SHOWN::render).mkString("\n    ") + "\n" + doneSoFar());
        }
    }

    /** Same as {@link #verify()}, for try-with-resources. */
    @Override
    public void close() {
        verify();
    }

    private int done() {
        return doneReversed.size();
    }

    private int stepCount() {
        return script.map(item -> item.steps().size()).sum().intValue();
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

    @Override
    public String toString() {
        return "ScriptedExecutor[" + stepCount() + " steps" + fallback.map(next -> ", else " + next).getOrElse("") + "]";
    }

    /** One scripted step: its action and what it does. */
    private record Expected(Action<?> action, Answer answer) {}

    /** One item of the script: a step, or a group of steps that run in one parallel block. */
    private sealed interface Item {
        Vector<Expected> steps();
    }

    private record Single(Expected step) implements Item {
        @Override
        public Vector<Expected> steps() {
            return Vector.of(step);
        }
    }

    private record Parallel(Vector<Expected> steps) implements Item {}

    /** What a scripted step does: returns its answer or throws its error. */
    @FunctionalInterface
    private interface Answer {
        Object apply(Action<?> action) throws Exception;
    }

    /**
     * Sees each step start on the thread that performs it, so that the script knows the branch of
     * the step it is asked to match. Inheritable, for combinators that perform the action on a
     * thread they start for it (a timeout).
     */
    private static final class Listener implements StepListener {
        private final InheritableThreadLocal<Step> current = new InheritableThreadLocal<>();

        @Override
        public void started(Step step) {
            current.set(step);
        }

        @Override
        public void finished(Step step, Try<Object> outcome, Duration duration) {
            current.remove();
        }

        Option<String> branchOfCurrentStep() {
            return Option.of(current.get()).map(Step::branch);
        }
    }

    /** Collects the script; immutable, each call returns a new builder. */
    public static final class Builder {
        private final Vector<Item> script;
        private final Option<Executor> fallback;

        private Builder(Vector<Item> script, Option<Executor> fallback) {
            this.script = script;
            this.fallback = fallback;
        }

        /** Expects {@code action} next and answers it with {@code answer}. */
        public <R> Builder expect(Action<R> action, R answer) {
            return new Builder(script.append(new Single(answering(action, answer))), fallback);
        }

        /** Expects {@code action} next and fails it with {@code error} (checked or not, as an executor may). */
        public Builder expectFailure(Action<?> action, Exception error) {
            return new Builder(script.append(new Single(failing(action, error))), fallback);
        }

        /**
         * Expects the steps {@code steps} scripts next, in any order among themselves, each in a
         * branch of its own of one parallel block (at least two steps). The run needs the script's
         * {@link ScriptedExecutor#listener()}.
         *
         * <pre>{@code
         * .expectParallel(block -> block.expect(new Greet("Ada"), null).expect(new Greet("Grace"), null))
         * }</pre>
         */
        public Builder expectParallel(java.util.function.UnaryOperator<ParallelSteps> steps) {
            Objects.requireNonNull(steps, "steps");
            ParallelSteps scripted = Objects.requireNonNull(steps.apply(new ParallelSteps(Vector.empty())), "steps returned null");
            if (scripted.steps.size() < 2) {
                throw new IllegalArgumentException("a parallel block needs at least two scripted steps, got " + scripted.steps.size());
            }
            return new Builder(script.append(new Parallel(scripted.steps)), fallback);
        }

        /**
         * Sends each action equal to no step of the script to {@code fallback} instead of failing
         * it; scripted actions are still checked in order. Without a fallback, an unscripted action
         * is a mismatch.
         */
        public Builder fallback(Executor fallback) {
            Objects.requireNonNull(fallback, "fallback");
            return new Builder(script, Option.some(fallback));
        }

        /** The scripted executor. */
        public ScriptedExecutor build() {
            return new ScriptedExecutor(script, fallback);
        }
    }

    /** The steps of one parallel block, for {@link Builder#expectParallel}; immutable, each call returns a new value. */
    public static final class ParallelSteps {
        private final Vector<Expected> steps;

        private ParallelSteps(Vector<Expected> steps) {
            this.steps = steps;
        }

        /** Expects {@code action} in a branch of the block and answers it with {@code answer}. */
        public <R> ParallelSteps expect(Action<R> action, R answer) {
            return new ParallelSteps(steps.append(answering(action, answer)));
        }

        /** Expects {@code action} in a branch of the block and fails it with {@code error}. */
        public ParallelSteps expectFailure(Action<?> action, Exception error) {
            return new ParallelSteps(steps.append(failing(action, error)));
        }
    }

    private static Expected answering(Action<?> action, Object answer) {
        Objects.requireNonNull(action, "action");
        return new Expected(action, ignored -> answer);
    }

    private static Expected failing(Action<?> action, Exception error) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(error, "error");
        return new Expected(action, ignored -> {
            throw error;
        });
    }
}
