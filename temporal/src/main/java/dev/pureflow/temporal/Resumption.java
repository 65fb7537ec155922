package dev.pureflow.temporal;

import java.util.List;
import java.util.Map;

/**
 * What a run hands the next run of its chain when a long {@link dev.pureflow.Loop} continues as new:
 * travels as JSON, the second argument of the continued workflow (the first is the flow's own
 * arguments). The next run builds the program again, answers the steps before the loop from
 * {@link #before} (they ran in an earlier run; nothing is carried out twice), resumes the loop met at
 * {@link #loopKey} from {@link #state}, and goes on with the messages and published values as they
 * were. Immutable.
 *
 * @param loopName    the loop's name: the next run must meet the same loop at the same place
 * @param loopKey     where the loop was met: the key its first step took ({@code main#3})
 * @param nextOrdinal the ordinal the loop's next step takes in its path, so keys go on where they left off
 * @param steps       how many steps the chain has performed, so step numbers go on too
 * @param run         which run of the chain the next one is, counting the first as 1
 * @param state       the loop's state as {@link dev.pureflow.Loop#saved} made it, each value with its class
 * @param before      every step performed before the loop, by key, with its outcome
 * @param messages    the latest message under each key
 * @param published   the latest published value under each key
 */
record Resumption(
        String loopName,
        String loopKey,
        int nextOrdinal,
        long steps,
        int run,
        List<RunMailbox.Sent> state,
        Map<String, Recorded> before,
        Map<String, RunMailbox.Sent> messages,
        Map<String, RunMailbox.Sent> published) {

    /**
     * One step's outcome as a later run of the chain replays it: the action's class and exactly one
     * of an activity's answer (JSON as the activity returned it, or a built-in's value as JSON),
     * the message a read found (none if null), or an error (as the codec writes errors).
     */
    record Recorded(String action, String answer, RunMailbox.Sent message, String error) {}
}
