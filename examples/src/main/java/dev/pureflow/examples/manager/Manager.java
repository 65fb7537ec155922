package dev.pureflow.examples.manager;

import dev.pureflow.Executor;
import dev.pureflow.owner.SerialOwner;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * gevent_async's manager: it owns resources that monitors update with {@code oneway} reports and
 * that readers — threads, or flows through {@link #executor()} — read with {@code sync} calls. Every
 * call runs on the manager's own loop, one at a time, so a read never sees a move half done, and
 * the resources need no lock.
 *
 * <p>Thread-safe. Closing it runs the reports already sent, then ends its loop.
 */
public final class Manager implements AutoCloseable {

    /** How long a reader waits for a snapshot before giving up. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final SerialOwner<Resources> owner;

    private Manager(SerialOwner<Resources> owner) {
        this.owner = owner;
    }

    /** A manager of {@code initial} units per resource, with its loop running. */
    public static Manager start(Map<String, Integer> initial) {
        return new Manager(SerialOwner.builder("manager", new Resources(initial)).start());
    }

    /**
     * A monitor's report: move up to {@code count} units from {@code from} to {@code to}. Returns at
     * once; the move happens on the manager's loop, after the reports and reads queued before it.
     *
     * @return false if the manager is closed (the report is dropped and logged)
     */
    public boolean report(String from, String to, int count) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return owner.oneway("move", resources -> {
            resources.move(from, to, count);
            return null;
        });
    }

    /** All resources at one moment, between two moves. */
    public Snapshot snapshot() throws Exception {
        return owner.sync("snapshot", READ_TIMEOUT, Resources::snapshot);
    }

    /** An executor through which flows read and move resources, each call a step of theirs. */
    public Executor executor() {
        return owner.executor(ManagerAction.class, (resources, action) -> switch (action) {
            case ManagerAction.ReadSnapshot read -> resources.snapshot();
            case ManagerAction.Move move -> {
                resources.move(move.from(), move.to(), move.count());
                yield null;
            }
        });
    }

    /** Runs the reports and reads already sent, then ends the manager's loop. */
    @Override
    public void close() {
        owner.close();
    }
}
