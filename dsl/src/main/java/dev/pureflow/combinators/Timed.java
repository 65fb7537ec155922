package dev.pureflow.combinators;

import dev.pureflow.Action;
import dev.pureflow.Clock;
import dev.pureflow.Executor;
import dev.pureflow.Redaction;
import java.time.Duration;

/** Measures each action of the executor it wraps; see {@link Combinators#timed}. */
record Timed(Executor next, TimingSink sink, Clock clock, Redaction redaction) implements Executor {

    @Override
    public Object execute(Action<?> action) throws Exception {
        long start = clock.nanoTime();
        boolean succeeded = false;
        try {
            Object answer = next.execute(action);
            succeeded = true;
            return answer;
        } finally {
            sink.record(new Timing(action, Duration.ofNanos(clock.nanoTime() - start), succeeded, redaction));
        }
    }

    @Override
    public int parallelism() {
        return next.parallelism();
    }
}
