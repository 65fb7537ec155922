package dev.pureflow.examples.greeting;

import dev.pureflow.Action;
import dev.pureflow.Step;
import dev.pureflow.StepListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that keeps every action a run starts, in the order the steps started. Thread-safe. */
final class StepRecorder implements StepListener {

    private final List<Action<?>> actions = new CopyOnWriteArrayList<>();

    @Override
    public void started(Step step) {
        actions.add(step.action());
    }

    /** The actions started so far. */
    List<Action<?>> actions() {
        return List.copyOf(actions);
    }
}
