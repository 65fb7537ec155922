package dev.pureflow.frame;

import static dev.pureflow.frame.Notebook.say;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Program;
import dev.pureflow.Runner;
import io.vavr.control.Try;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever steps fail and whichever failures the handler consumes, a frame runs exactly the steps
 * a model of gpframe's lifecycle (without its bugs) says, in that order; {@code on_close} and
 * {@code on_terminated} run exactly once; and the run fails exactly when a failure was not
 * consumed, with that original failure.
 */
class LifecycleFrameProperties {

    /** A step that fails in a given iteration (0 for on_open and on_close), and whether the handler consumes it. */
    record Fault(String step, int iteration, boolean consumed) {}

    /** Identifies a planned failure, so the handler and the model can recognise it. */
    static final class Planned extends RuntimeException {
        final String step;
        final int iteration;

        Planned(String step, int iteration) {
            super(step + "#" + iteration, null, false, false);
            this.step = step;
            this.iteration = iteration;
        }
    }

    private static final List<String> STEPS = List.of("on_open", "on_start", "routine", "on_end", "on_redo", "on_close");

    @Property(tries = 300)
    void a_frame_runs_exactly_the_steps_the_model_says_and_fails_exactly_when_a_failure_is_not_consumed(
            @ForAll @IntRange(min = 1, max = 4) int iterations, @ForAll("faults") List<Fault> faults) {
        Map<String, Fault> plan = new java.util.HashMap<>();
        faults.forEach(fault -> plan.putIfAbsent(fault.step() + "#" + fault.iteration(), fault));
        Notebook notebook = new Notebook();
        AtomicInteger iteration = new AtomicInteger(-1);
        LifecycleFrame<Integer> frame = LifecycleFrame.<Integer>builder(ctx -> step("routine", iteration.get(), plan).map(done -> 1))
                .onOpen(step("on_open", 0, plan))
                .onStart(ctx -> step("on_start", iteration.incrementAndGet(), plan))
                .onEnd(ctx -> step("on_end", iteration.get(), plan))
                .onRedo(ctx -> step("on_redo", iteration.get(), plan).map(done -> iteration.get() < iterations - 1))
                .onClose(ctx -> step("on_close", 0, plan))
                .onTerminated(outcome -> say("on_terminated"))
                .onException((ctx, error) -> {
                    Planned planned = (Planned) (error instanceof HookFailedException hook ? hook.getCause() : error);
                    return say("handler " + planned.getMessage()).map(done -> plan.get(planned.getMessage()).consumed());
                })
                .build();

        Try<FrameOutcome<Integer>> tried = Runner.of(notebook.executor()).attempt(frame.program());

        Model model = Model.run(iterations, plan);
        assertThat(notebook.lines).containsExactlyElementsOf(model.lines);
        assertThat(notebook.lines.stream().filter(line -> line.equals("on_close#0") || line.equals("on_terminated"))).hasSize(2);
        if (model.failure == null) {
            assertThat(tried.isSuccess()).as("the run succeeds: %s", tried).isTrue();
        } else {
            Throwable error = tried.getCause();
            Throwable original = error instanceof HookFailedException hook ? hook.getCause() : error;
            assertThat(original).as("the run fails with the original failure").isInstanceOf(Planned.class);
            assertThat(original.getMessage()).isEqualTo(model.failure);
            assertThat(error instanceof HookFailedException).as("only a hook's error is named after the hook")
                    .isEqualTo(!model.failure.startsWith("routine"));
        }
    }

    private static Program<Void> step(String name, int iteration, Map<String, Fault> plan) {
        String id = name + "#" + iteration;
        return say(id).andThen(plan.containsKey(id) ? Program.fail(new Planned(name, iteration)) : Program.pure(null));
    }

    /** gpframe's lifecycle as plain code: what a frame should write, and the failure it should end with. */
    static final class Model {
        final List<String> lines = new ArrayList<>();
        String failure;

        static Model run(int iterations, Map<String, Fault> plan) {
            Model model = new Model();
            boolean going = model.step("on_open#0", plan);
            for (int i = 0; going; i++) {
                going = model.step("on_start#" + i, plan) && model.step("routine#" + i, plan) && model.step("on_end#" + i, plan);
                if (going) {
                    boolean redoFailed = plan.containsKey("on_redo#" + i);
                    going = model.step("on_redo#" + i, plan) && !redoFailed && i < iterations - 1;
                }
            }
            String useFailure = model.failure;
            model.step("on_close#0", plan);
            if (useFailure != null) {
                model.failure = useFailure; // the use's error wins; on_close's is suppressed in it
            }
            model.lines.add("on_terminated");
            return model;
        }

        /** Writes the step; if it fails, the handler's line; false if the failure was not consumed. */
        private boolean step(String id, Map<String, Fault> plan) {
            lines.add(id);
            Fault fault = plan.get(id);
            if (fault == null) {
                return true;
            }
            lines.add("handler " + id);
            if (!fault.consumed() && failure == null) {
                failure = id;
            }
            return fault.consumed();
        }
    }

    @Provide
    Arbitrary<List<Fault>> faults() {
        Arbitrary<Fault> fault = Combinators.combine(Arbitraries.of(STEPS), Arbitraries.integers().between(0, 3), Arbitraries.of(true, false))
                .as((step, iteration, consumed) -> new Fault(step, step.equals("on_open") || step.equals("on_close") ? 0 : iteration, consumed));
        return fault.list().ofMaxSize(5);
    }
}
