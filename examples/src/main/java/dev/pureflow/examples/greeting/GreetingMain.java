package dev.pureflow.examples.greeting;

import static dev.pureflow.combinators.Combinators.parallelize;

import dev.pureflow.Executor;
import dev.pureflow.Program;
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
 * <p>{@code --parallel} runs the flow that greets as one parallel block, up to three at once (so the
 * greetings' order varies from run to run); {@code --direct} runs the direct-style flow.
 */
public final class GreetingMain {

    private GreetingMain() {}

    /**
     * Runs the variant {@code args} names, printing its lines to standard output. All variants run
     * on the same executor, which lets parallel blocks run three branches at once: only the flow
     * decides what runs in parallel.
     *
     * @throws IllegalArgumentException for any arguments other than none, {@code --parallel} or
     *                                  {@code --direct}; nothing is run then
     */
    // README: run
    public static void main(String[] args) {
        Program<Integer> flow = switch (String.join(" ", args)) {
            case "" -> GreetingFlows.greetAll();
            case "--parallel" -> GreetingFlows.greetAllInParallel();
            case "--direct" -> GreetingFlows.greetAllDirect();
            default -> throw new IllegalArgumentException("usage: GreetingMain [--parallel | --direct]");
        };
        Executor executor = GreetingExecutor.printingTo(System.out::println);
        Runner.of(executor.with(parallelize(3))).run(flow);
    }
    // END README
}
