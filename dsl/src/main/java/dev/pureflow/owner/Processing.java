package dev.pureflow.owner;

/**
 * How long one {@link SerialOwner#process} goes on, as gevent_async's {@code process(forever)}.
 * Either way it ends early when it reaches a stop queued by {@link SerialOwner#stopProcessing()},
 * and once the owner is closed it runs the calls still waiting that it may run, then returns.
 */
public enum Processing {
    /** Runs the calls waiting now (and any that arrive meanwhile), then returns once none is left. */
    PENDING,
    /** Runs calls as they come, waiting for more when none is left, until a stop or the close. */
    UNTIL_STOPPED
}
