package dev.pureflow;

import java.time.Instant;

/**
 * One performed action as a listener sees it.
 *
 * @param number    the step's number in its run, counting from 1 in the order steps started
 * @param branch    where in the flow it ran: {@code main}, or {@code main/2/0} inside parallel blocks
 * @param action    the action performed
 * @param startedAt when it started, by the run's clock
 */
public record Step(long number, String branch, Action<?> action, Instant startedAt) {}
