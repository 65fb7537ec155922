package dev.pureflow.temporal;

import dev.pureflow.Executor;
import dev.pureflow.Program;
import io.temporal.worker.Worker;
import io.temporal.workflow.DynamicWorkflow;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The worker side of running flows on Temporal: the named flows a worker can run, the executor that
 * carries out their actions, and how actions run as activities. {@link #registerOn(Worker)} adds one
 * dynamic workflow (it walks the program registered under the workflow's type) and one dynamic
 * activity (it carries out the action named by the activity's type with the executor) to a worker.
 *
 * <pre>{@code
 * TemporalFlows flows = TemporalFlows.builder()
 *     .flow("greet-all", GreetingFlows::greetAll)                  // no arguments
 *     .flow("deploy", DeployRequest.class, DeployFlows::deploy)    // arguments read from JSON
 *     .executor(executor.with(logged()))
 *     .options(TemporalOptions.DEFAULT.withActionTimeout(Duration.ofMinutes(1)))
 *     .build();
 * Worker worker = workerFactory.newWorker("greetings");
 * flows.registerOn(worker);
 * workerFactory.start();
 * }</pre>
 *
 * <p>Programs hold functions, so they never travel: each worker builds the program again from the
 * flow's name and JSON arguments, and every worker of a task queue must register the same flows.
 * Immutable and thread-safe; the builder is not thread-safe.
 */
public final class TemporalFlows {

    /**
     * After how many iterations of a flow's loop a run continues as new by default: a frame's redo
     * or a state machine's transitions of a few steps each stay well under Temporal's history limits.
     */
    public static final int DEFAULT_CONTINUE_AS_NEW_EVERY = 500;

    private final Map<String, NamedFlow<?>> flows;
    private final Executor executor;
    private final TemporalOptions options;
    private final int continueAsNewEvery;

    private TemporalFlows(Map<String, NamedFlow<?>> flows, Executor executor, TemporalOptions options, int continueAsNewEvery) {
        this.flows = flows;
        this.executor = executor;
        this.options = options;
        this.continueAsNewEvery = continueAsNewEvery;
    }

    /** A builder with no flows, no executor and {@link TemporalOptions#DEFAULT}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Adds the workflow that walks these flows and the activity that carries out their actions to {@code worker}. */
    public void registerOn(Worker worker) {
        registerFlowsOn(worker);
        registerActionsOn(worker);
    }

    /**
     * Adds only the workflow that walks these flows to {@code worker}: for workers that walk flows while
     * others, on {@link TemporalOptions#actionTaskQueue()}, carry out the actions.
     */
    public void registerFlowsOn(Worker worker) {
        Objects.requireNonNull(worker, "worker");
        WalkContext context = new WalkContext(options, executor.parallelism(), continueAsNewEvery);
        worker.registerWorkflowImplementationFactory(DynamicWorkflow.class, () -> new ProgramWorkflow(flows, context));
    }

    /** Adds only the activity that carries out these flows' actions with the executor to {@code worker}. */
    public void registerActionsOn(Worker worker) {
        Objects.requireNonNull(worker, "worker");
        worker.registerActivitiesImplementations(new ActionActivity(executor, options));
    }

    /** The names of the registered flows, in the order they were added. */
    public io.vavr.collection.Set<String> names() {
        return flows.keySet();
    }

    /** The options activities run with. */
    public TemporalOptions options() {
        return options;
    }

    /** After how many iterations of a flow's loop a run continues as new. */
    public int continueAsNewEvery() {
        return continueAsNewEvery;
    }

    /** Collects flows, the executor and options. Mutable, not thread-safe; {@link #build()} makes the immutable value. */
    public static final class Builder {

        private Map<String, NamedFlow<?>> flows = LinkedHashMap.empty();
        private Executor executor;
        private TemporalOptions options = TemporalOptions.DEFAULT;
        private int continueAsNewEvery = DEFAULT_CONTINUE_AS_NEW_EVERY;

        private Builder() {}

        /** Registers the flow {@code name}, built by {@code factory} from arguments read from JSON as {@code argumentsType}. */
        public <T> Builder flow(String name, Class<T> argumentsType, Function<? super T, ? extends Program<?>> factory) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(argumentsType, "argumentsType");
            Objects.requireNonNull(factory, "factory");
            if (flows.containsKey(name)) {
                throw new IllegalArgumentException("a flow named " + name + " is already registered");
            }
            flows = flows.put(name, new NamedFlow<>(name, argumentsType, factory));
            return this;
        }

        /** Registers the flow {@code name}, which takes no arguments. */
        public Builder flow(String name, Supplier<? extends Program<?>> factory) {
            Objects.requireNonNull(factory, "factory");
            return flow(name, Object.class, ignored -> factory.get());
        }

        /** The executor (with its combinators) that carries out every flow's actions on the workers. */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** How actions run as activities; {@link TemporalOptions#DEFAULT} if not set. */
        public Builder options(TemporalOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Continues a run as new after {@code iterations} iterations of its loop
         * ({@link #DEFAULT_CONTINUE_AS_NEW_EVERY} if not set), or sooner when Temporal suggests it
         * because the run's history grew large. The loop is the first {@link dev.pureflow.Loop} the
         * flow's top level reaches ({@link Program#loop}, a lifecycle frame's redo, a state
         * machine): the next run builds the program again from the flow's arguments, answers the
         * steps before the loop as they were (none is carried out again), and resumes the loop
         * from its saved state with the run's messages and published values.
         */
        public Builder continueAsNewEvery(int iterations) {
            if (iterations < 1) {
                throw new IllegalArgumentException("continueAsNewEvery must be at least 1, was " + iterations);
            }
            this.continueAsNewEvery = iterations;
            return this;
        }

        /** The flows, executor and options as an immutable value. */
        public TemporalFlows build() {
            if (executor == null) {
                throw new IllegalStateException("no executor: call executor(...) before build()");
            }
            return new TemporalFlows(flows, executor, options, continueAsNewEvery);
        }
    }
}
