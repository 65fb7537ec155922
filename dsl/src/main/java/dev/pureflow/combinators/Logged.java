package dev.pureflow.combinators;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.Redaction;
import java.time.Duration;
import org.slf4j.Logger;

/** Logs each action around the executor it wraps; see {@link Combinators#logged()}. */
record Logged(Executor next, LogOptions options) implements Executor {

    @Override
    public Object execute(Action<?> action) throws Exception {
        Logger logger = options.logger();
        boolean info = logger.isInfoEnabled();
        if (!info && !logger.isWarnEnabled()) {
            return next.execute(action); // nothing would be written: skip rendering and clock reads
        }
        Redaction redaction = options.redaction();
        String shown = redaction.render(action);
        if (info) {
            logger.info("start {}", shown);
        }
        long start = options.clock().nanoTime();
        try {
            Object answer = next.execute(action);
            if (info) {
                logger.info("done {} in {}", shown, Duration.ofNanos(options.clock().nanoTime() - start));
            }
            return answer;
        } catch (Exception | Error failure) {
            logger.warn("failed {} after {}: {}", shown, Duration.ofNanos(options.clock().nanoTime() - start), redaction.maskIn(failure.toString(), action));
            throw failure;
        }
    }

    @Override
    public int parallelism() {
        return next.parallelism();
    }
}
