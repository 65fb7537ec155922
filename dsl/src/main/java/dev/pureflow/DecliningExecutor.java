package dev.pureflow;

import io.vavr.control.Option;

/** A total executor as a partial one: it declines the actions it reports as unhandled. */
record DecliningExecutor(Executor executor) implements PartialExecutor {

    @Override
    public Option<Object> tryExecute(Action<?> action) throws Exception {
        try {
            return Option.some(executor.execute(action));
        } catch (UnhandledActionException unhandled) {
            if (unhandled.action() == action) {
                return Option.none();
            }
            throw unhandled; // about another action (one it performed on the side): a failure, not a decline
        }
    }

    @Override
    public int parallelism() {
        return executor.parallelism();
    }

    @Override
    public String toString() {
        return executor.toString();
    }
}
