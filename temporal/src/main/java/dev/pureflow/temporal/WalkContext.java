package dev.pureflow.temporal;

import io.temporal.activity.ActivityOptions;

/**
 * What every walk of one workflow run shares: the activity options and how many branches of a
 * parallel block may run at once (the worker's executor's {@code parallelism()}, so a block runs as
 * it would in-process). Immutable.
 */
record WalkContext(TemporalOptions options, int parallelism, ActivityOptions activityOptions) {

    WalkContext(TemporalOptions options, int parallelism) {
        this(options, Math.max(1, parallelism), options.activityOptions());
    }
}
