package dev.pureflow.bench;

import java.util.List;

/**
 * A set of benchmarks that {@link AlternatingForks} runs once per round, each in its own JMH fork,
 * in this order on even rounds and in reverse on odd ones. Each pair a {@link Row} compares sits
 * side by side in the order where it can, so the two are measured seconds apart and each goes
 * first in every other round: load that comes and goes hits both alike, and drift cancels.
 *
 * @param name       how the report and {@code forks.json} name it
 * @param role       whether its rows carry targets (issues 9 and 13) or are context
 * @param kind       which JMH settings it needs
 * @param benchmarks {@code Class.method} names, in the order of an even round
 */
record Segment(String name, Role role, Kind kind, List<String> benchmarks) {

    Segment {
        benchmarks = List.copyOf(benchmarks);
    }

    /** Targets (issues 9 and 13) get more rounds than the comparisons kept for context. */
    enum Role { TARGETS, CONTEXT }

    /** In-memory benchmarks run short iterations under {@code -prof gc}; process ones run longer ones without. */
    enum Kind { IN_MEMORY, PROCESSES }

    /** The order of round {@code round}: as listed on even rounds, reversed on odd ones. */
    List<String> order(int round) {
        return round % 2 == 0 ? benchmarks : benchmarks.reversed();
    }

    static final String STEPS = "steps";
    static final String FAN_OUT = "fan-out";
    static final String SPAWN = "spawn";
    static final String ALTERNATIVES = "alternatives";
    static final String OUTPUT = "output";
    static final String OBSERVE = "observe";

    /** The whole suite, in the order the rounds run it. */
    static final List<Segment> SUITE = List.of(
            new Segment(STEPS, Role.TARGETS, Kind.IN_MEMORY, List.of(
                    "SequentialChainBenchmark.pureflowLeftNested",
                    "SequentialChainBenchmark.handWrittenTrampoline",
                    "SequentialChainBenchmark.pureflowMonadic",
                    "SequentialChainBenchmark.pureflowDirect",
                    "SequentialChainBenchmark.pureflowDirectUnderLoad",
                    "SequentialChainBenchmark.pureflowMonadicUnderLoad")),
            new Segment(FAN_OUT, Role.TARGETS, Kind.IN_MEMORY, List.of(
                    "FanOutBenchmark.pureflowParallelize",
                    "FanOutBenchmark.virtualThreadPerTask")),
            // issue 13: bare sits between the no-op and the metrics listener, the pairs its rows take
            // differences of; tracing sits beside metrics, one fork from bare
            new Segment(OBSERVE, Role.TARGETS, Kind.IN_MEMORY, List.of(
                    "ObservabilityOverheadBenchmark.underNoOpListener",
                    "ObservabilityOverheadBenchmark.bareStep",
                    "ObservabilityOverheadBenchmark.underMetricsListener",
                    "ObservabilityOverheadBenchmark.underTracingListener")),
            new Segment(SPAWN, Role.TARGETS, Kind.PROCESSES, List.of(
                    "ProcessBenchmark.pureflowTrueSequential",
                    "ProcessBenchmark.rawTrueSequential",
                    "ProcessBenchmark.pureflowTrueParallel2",
                    "ProcessBenchmark.rawTrueParallel2",
                    "ProcessBenchmark.pureflowTrueParallel8",
                    "ProcessBenchmark.rawTrueParallel8")),
            new Segment(ALTERNATIVES, Role.CONTEXT, Kind.IN_MEMORY, List.of(
                    "SequentialChainBenchmark.plainLoop",
                    "SequentialChainBenchmark.completableFutureDeferred",
                    "SequentialChainBenchmark.reactorMonoN200",
                    "SequentialChainBenchmark.pureflowMonadic",
                    "SequentialChainBenchmark.reactorMonoLargeStack",
                    "SequentialChainBenchmark.vavrFuture",
                    "GeneratorRoundTripBenchmark.rawExchanger",
                    "GeneratorRoundTripBenchmark.pureflowGenerator",
                    "GeneratorRoundTripBenchmark.rawSynchronousQueue",
                    "FanOutBenchmark.completableFutureSupplyAsync",
                    "FanOutBenchmark.pureflowParallelize",
                    "CombinatorOverheadBenchmark.underLogged",
                    "CombinatorOverheadBenchmark.underTimed",
                    "CombinatorOverheadBenchmark.bareExecutor",
                    "CombinatorOverheadBenchmark.underRetried",
                    "CombinatorOverheadBenchmark.underAllThree")),
            new Segment(OUTPUT, Role.CONTEXT, Kind.PROCESSES, List.of(
                    "ProcessBenchmark.diagnosticRawTrueOnExit",
                    "ProcessBenchmark.rawTrueSequential",
                    "ProcessBenchmark.diagnosticRawTrueDrainOnVirtualThreads",
                    "ProcessBenchmark.rawReadAllBytes50MB",
                    "ProcessBenchmark.pureflowCapture50MB",
                    "ProcessBenchmark.rawCapture50MB",
                    "ProcessBenchmark.diagnosticRawCaptureOnVirtualThread",
                    "ProcessBenchmark.pureflowBothStreams50MB",
                    "ProcessBenchmark.rawBothStreams50MB")));
}
