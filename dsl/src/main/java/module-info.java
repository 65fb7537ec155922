/**
 * pureflow's core: {@code Program}, {@code Action}, the {@code Executor} and {@code Runner} contracts,
 * the in-process runner and the standard combinators.
 *
 * <p>Exports only the API packages. The runner's engine (fibers, frames, the run context) is
 * package-private in {@code dev.pureflow}; because that package belongs to this module, no class of
 * another module can join it (the module system forbids split packages), so the engine is out of reach.
 */
module dev.pureflow.dsl {
    // vavr's Try, Option and List appear in public signatures; slf4j's Logger in LogOptions.
    requires transitive io.vavr;
    requires transitive org.slf4j;

    // The API packages, one a line: add a new API package here.
    exports dev.pureflow;
    exports dev.pureflow.combinators;
    exports dev.pureflow.frame;
    exports dev.pureflow.owner;
    exports dev.pureflow.state;
}
