package dev.pureflow.temporal;

import dev.pureflow.Action;
import dev.pureflow.Loop;
import io.temporal.workflow.Workflow;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One workflow run as a link in a chain of runs joined by continue-as-new, so that a long
 * {@link Loop} keeps each run's history bounded.
 *
 * <p>The first loop the flow's top level reaches is the chain's loop. Until it is reached, every
 * step's outcome is kept ({@link Phase#RECORDING}). After {@code every} of its iterations in one run
 * (or sooner, when Temporal suggests it because the history grew large), the run continues as new
 * with a {@link Resumption}: the next run builds the program again from the flow's arguments,
 * answers the steps before the loop from what was kept ({@link Phase#REPLAYING}; none is carried
 * out again), resumes the loop from its saved state, and from there on runs live
 * ({@link Phase#LIVE}). Every other loop (in a parallel branch, a direct-style body, a release, or a
 * later one) runs as a plain loop in its run.
 *
 * <p>Confined to the run's workflow threads (Temporal runs one at a time).
 */
final class RunChain {

    /** Where the run is in its chain. */
    enum Phase {
        /** Before the chain's loop in the chain's first run: steps run and are kept. */
        RECORDING,
        /** Before the chain's loop in a later run: steps are answered from what the first run kept. */
        REPLAYING,
        /** At or after the chain's loop: steps run and nothing is kept. */
        LIVE
    }

    private final String arguments;
    private final int every;
    private final Option<Resumption> resumption;
    private final Map<String, Resumption.Recorded> before;
    private final PayloadCodec codec = PayloadCodec.INSTANCE;
    private Phase phase;
    private boolean loopTaken;
    private long steps;
    private int iterations;

    private RunChain(String arguments, int every, Option<Resumption> resumption) {
        this.arguments = arguments;
        this.every = every;
        this.resumption = resumption;
        this.before = new LinkedHashMap<>(resumption.map(Resumption::before).getOrElse(Map.of()));
        this.phase = resumption.isDefined() ? Phase.REPLAYING : Phase.RECORDING;
    }

    /** The first run of a flow started with {@code arguments} (JSON), continuing as new after {@code every} iterations. */
    static RunChain first(String arguments, int every) {
        return new RunChain(arguments, every, Option.none());
    }

    /** A later run, resuming what {@code resumption} says. */
    static RunChain resumed(String arguments, int every, Resumption resumption) {
        return new RunChain(arguments, every, Option.some(resumption));
    }

    /** The messages and published values the run before left, if this run continues one. */
    Option<Resumption> resumption() {
        return resumption;
    }

    Phase phase() {
        return phase;
    }

    /** The number of the next step, counting from 1 across the chain's runs. */
    long nextStep() {
        return ++steps;
    }

    /** Keeps {@code outcome} of step {@code key} if the chain's loop has not been reached yet. */
    void record(String key, Resumption.Recorded outcome) {
        if (phase == Phase.RECORDING) {
            before.put(key, outcome);
        }
    }

    /**
     * What step {@code key} gave in the run that first performed it; a step that run did not have
     * there, or had with another action, means the program is not the same: an error that says so.
     */
    Resumption.Recorded recorded(String key, Action<?> action) {
        Resumption.Recorded recorded = before.get(key);
        if (recorded == null || !recorded.action().equals(action.getClass().getName())) {
            throw new IllegalStateException("run " + resumption.get().run() + " of this flow, continued as new at loop '"
                    + resumption.get().loopName() + "' (" + resumption.get().loopKey() + "), met step " + key + " " + action.getClass().getName()
                    + (recorded == null ? ", which the first run did not perform before the loop" : ", where the first run performed " + recorded.action())
                    + ": the program built from the same arguments must reach the loop by the same steps (deploy a changed flow under a new name)");
        }
        return recorded;
    }

    /**
     * Whether the loop the top level meets now is the chain's loop: the first one, once. Reaching it
     * ends the recording of the steps before it.
     */
    boolean takesLoop() {
        if (loopTaken) {
            return false;
        }
        loopTaken = true;
        if (phase == Phase.RECORDING) {
            phase = Phase.LIVE;
        }
        return true;
    }

    /**
     * The state to resume the chain's loop {@code loop}, met at {@code key}, from: the initial one
     * in the chain's first run, else the one the run before saved, with the path's ordinals and the
     * step numbers going on where they left off. From here on the run is live.
     */
    Object stateAt(Loop<Object, Object> loop, String key, StepPath path) {
        if (phase != Phase.REPLAYING) {
            return loop.initial();
        }
        Resumption resumed = resumption.get();
        if (!resumed.loopName().equals(loop.name()) || !resumed.loopKey().equals(key)) {
            throw new IllegalStateException("run " + resumed.run() + " of this flow was continued as new to resume loop '"
                    + resumed.loopName() + "' at " + resumed.loopKey() + ", but met loop '" + loop.name() + "' at " + key
                    + ": the program built from the same arguments must reach the same loop first (deploy a changed flow under a new name)");
        }
        phase = Phase.LIVE;
        path.continueAt(resumed.nextOrdinal());
        steps = resumed.steps();
        io.vavr.collection.List<Object> saved = io.vavr.collection.List.ofAll(resumed.state()).map(codec::untyped);
        return loop.restored(saved);
    }

    /** Counts an iteration of the chain's loop; whether it is time to continue as new. */
    boolean dueToContinue() {
        iterations++;
        return iterations >= every || Workflow.getInfo().isContinueAsNewSuggested();
    }

    /**
     * Ends this run and continues the flow as a new run that resumes {@code loop}, met at
     * {@code key}, from {@code state}. Never returns.
     *
     * @throws PayloadTooLargeException if what the next run needs is over Temporal's payload limit
     */
    void continueAsNew(Loop<Object, Object> loop, String key, Object state, StepPath path, RunMailbox mailbox) {
        List<RunMailbox.Sent> saved = new ArrayList<>();
        loop.saved(state).forEach(value -> saved.add(codec.typed(value)));
        Resumption next = new Resumption(loop.name(), key, path.peekOrdinal(), steps,
                resumption.map(Resumption::run).getOrElse(1) + 1, saved, before, mailbox.messages(), mailbox.published());
        String json = codec.encode(next);
        int size = PayloadCodec.sizeOf(json);
        if (size > PayloadTooLargeException.LIMIT_BYTES) {
            throw new PayloadTooLargeException("loop '" + loop.name() + "' at " + key + " cannot continue as new: its state, the "
                    + before.size() + " steps before it and the run's messages are " + size + " bytes of JSON, over Temporal's payload limit of "
                    + PayloadTooLargeException.LIMIT_BYTES + " bytes; keep large data out of them (pass a reference)");
        }
        Workflow.continueAsNew(arguments, json);
        throw new IllegalStateException("Workflow.continueAsNew returned"); // it ends the run's thread
    }
}
