package dev.pureflow.temporal;

import io.temporal.activity.ActivityOptions;

/**
 * What every walk of one workflow run shares: the activity options, how many branches of a
 * parallel block may run at once (the worker's executor's {@code parallelism()}, so a block runs as
 * it would in-process), and after how many iterations of its loop a run continues as new.
 * Immutable.
 */
record WalkContext(TemporalOptions options, int parallelism, int continueAsNewEvery, ActivityOptions activityOptions) {

    WalkContext(TemporalOptions options, int parallelism, int continueAsNewEvery) {
        this(options, Math.max(1, parallelism), continueAsNewEvery, options.activityOptions());
    }
}
