/**
 * Executors that touch a world: in-memory fakes with a virtual clock, and operating-system processes.
 *
 * <p>Exports only the API packages; package-private helpers stay inside their package.
 */
module dev.pureflow.interpreters {
    // Executor, Action, Program and vavr types appear in public signatures.
    requires transitive dev.pureflow.dsl;
    requires org.slf4j;

    // The API packages, one a line: add a new API package here.
    exports dev.pureflow.interpreters.fake;
    exports dev.pureflow.interpreters.process;
}
