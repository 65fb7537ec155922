package dev.pureflow.examples.greeting;

import static dev.pureflow.combinators.Combinators.parallelize;

import dev.pureflow.Executor;
import dev.pureflow.Runner;

/**
 * Runs the greeting flow and prints what it does: the flagship example the README's run command
 * starts. With no argument it runs the sequential monadic flow and prints exactly
 *
 * <pre>
 * Fetching 3 from 'users'
 * Hi, User0!
 * Hi, User1!
 * Hi, User2!
 * </pre>
 *
 * <p>{@code --parallel} runs the greetings as one parallel block on an executor that allows three at
 * once (so their order varies from run to run); {@code --direct} runs the direct-style flow.
 */
public final class GreetingMain {

    private GreetingMain() {}

    /**
     * Runs the variant {@code args} names, printing its lines to standard output.
     *
     * @throws IllegalArgumentException for any arguments other than none, {@code --parallel} or
     *                                  {@code --direct}; nothing is run then
     */
    public static void main(String[] args) {
        // README: run
        Executor executor = GreetingExecutor.printingTo(System.out::println);
        switch (String.join(" ", args)) {
            case "" -> Runner.of(executor).run(GreetingFlows.greetAll());
            case "--parallel" -> Runner.of(executor.with(parallelize(3))).run(GreetingFlows.greetAllInParallel());
            case "--direct" -> Runner.of(executor).run(GreetingFlows.greetAllDirect());
            default -> throw new IllegalArgumentException("usage: GreetingMain [--parallel | --direct]");
        }
        // END README
    }
}
