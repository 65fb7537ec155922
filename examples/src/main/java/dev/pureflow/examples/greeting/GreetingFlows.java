package dev.pureflow.examples.greeting;

import dev.pureflow.Program;
import dev.pureflow.examples.greeting.Cmd.Fetch;
import dev.pureflow.examples.greeting.Cmd.Greet;
import java.util.List;

/**
 * The greeting flow: fetch three users, then greet each one. Written three ways that perform the
 * same actions: monadic and sequential, monadic with the greetings as one parallel block, and in
 * direct style. Each yields the number of users greeted.
 *
 * <p>The programs are values: building one does nothing, and each may be run any number of times
 * by any runner and executor.
 */
public final class GreetingFlows {

    private GreetingFlows() {}

    /** Fetches the users, then greets them one after another. */
    // README: flow-sequential
    public static Program<Integer> greetAll() {
        return Program.perform(new Fetch("users", 3))
                .flatMap(users -> Program.traverse(users, user -> Program.perform(new Greet(user))))
                .map(greeted -> greeted.size());
    }
    // END README

    /**
     * Fetches the users, then greets them as one parallel block: concurrently when the executor
     * allows it ({@code executor.with(parallelize(3))}), one after another otherwise.
     */
    // README: flow-parallel
    public static Program<Integer> greetAllInParallel() {
        return Program.perform(new Fetch("users", 3))
                .flatMap(users -> Program.parTraverse(users, user -> Program.perform(new Greet(user))))
                .map(greeted -> greeted.size());
    }
    // END README

    /** The sequential flow in direct style: straight-line code that performs the same actions. */
    // README: flow-direct
    public static Program<Integer> greetAllDirect() {
        return Program.direct(flow -> {
            List<String> users = flow.perform(new Fetch("users", 3));
            for (String user : users) {
                flow.perform(new Greet(user));
            }
            return users.size();
        });
    }
    // END README
}
