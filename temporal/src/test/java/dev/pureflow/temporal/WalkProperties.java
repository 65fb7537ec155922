package dev.pureflow.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.ActionFailedException;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import io.vavr.control.Try;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Any program of sums, failures, recoveries and parallel blocks yields the same value or error and
 * carries out the same actions in the same order in-process and on Temporal (parallelism 1, so both
 * run branches one after another).
 */
class WalkProperties {

    private static TemporalTestService service;
    private static TemporalTestService.Deployment deployment;
    private static final OpExecutor TEMPORAL_EXECUTOR = new OpExecutor();
    private static final java.util.Map<String, Step> BY_KEY = new java.util.concurrent.ConcurrentHashMap<>();

    /** A generated program, as data, so it can be rebuilt on the worker from its key. */
    sealed interface Step {
        record Add(int a, int b) implements Step {}

        record Boom(String why) implements Step {}

        record Recovered(List<Step> body) implements Step {}

        record Parallel(List<List<Step>> branches) implements Step {}
    }

    @BeforeContainer
    static void startService() {
        service = new TemporalTestService();
        deployment = service.deploy(TemporalFlows.builder().executor(TEMPORAL_EXECUTOR)
                .flow("generated", String.class, key -> program(List.of(BY_KEY.get(key))))
                .build());
    }

    @AfterContainer
    static void stopService() {
        deployment.close();
        service.close();
    }

    @Property(tries = 12)
    void generated_program_gives_the_same_outcome_and_actions_in_process_and_on_temporal(@ForAll("steps") Step step) {
        OpExecutor local = new OpExecutor();
        Try<Integer> inProcess = Runner.of(local).attempt(program(List.of(step)));

        String key = Integer.toHexString(System.identityHashCode(step)) + "-" + BY_KEY.size();
        BY_KEY.put(key, step);
        int before = TEMPORAL_EXECUTOR.calls().size();
        Try<Integer> onTemporal = deployment.runner().start("generated", key, Integer.class).awaitOutcome();

        assertThat(describe(onTemporal)).isEqualTo(describe(inProcess));
        assertThat(TEMPORAL_EXECUTOR.calls().subList(before, TEMPORAL_EXECUTOR.calls().size())).isEqualTo(local.calls());
    }

    @Provide
    Arbitrary<Step> steps() {
        Arbitrary<Step> leaf = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 9).tuple2().map(pair -> new Step.Add(pair.get1(), pair.get2())),
                Arbitraries.strings().alpha().ofLength(3).map(Step.Boom::new));
        Arbitrary<List<Step>> leaves = leaf.list().ofMinSize(1).ofMaxSize(3);
        return Arbitraries.oneOf(
                leaf,
                leaves.map(Step.Recovered::new),
                leaves.list().ofMinSize(1).ofMaxSize(3).map(Step.Parallel::new),
                // a parallel block whose branches recover from their own failures
                leaves.map(body -> List.<Step>of(new Step.Recovered(body))).list().ofMinSize(1).ofMaxSize(2).map(Step.Parallel::new));
    }

    /** The steps one after another, summing what they yield. */
    private static Program<Integer> program(List<? extends Step> steps) {
        Program<Integer> sum = Program.pure(0);
        for (Step step : steps) {
            Program<Integer> next = switch (step) {
                case Step.Add add -> Program.perform(new Op.Add(add.a(), add.b()));
                case Step.Boom boom -> Program.perform(new Op.Boom(boom.why())).map(String::length);
                case Step.Recovered recovered -> program(recovered.body()).recover(IOException.class, failed -> -1);
                case Step.Parallel parallel -> Program.parallel(parallel.branches().stream().map(WalkProperties::program).toList())
                        .map(values -> values.sum().intValue());
            };
            sum = sum.flatMap(total -> next.map(value -> total + value));
        }
        return sum;
    }

    private static String describe(Try<Integer> outcome) {
        return outcome.fold(error -> {
            Throwable cause = error instanceof ActionFailedException failed ? failed.getCause() : error;
            return cause.getClass().getName() + ": " + cause.getMessage();
        }, String::valueOf);
    }
}
