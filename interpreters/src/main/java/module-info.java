/**
 * Executors that touch a world: in-memory fakes with a virtual clock, and operating-system processes;
 * the JSON codec for actions, answers and errors.
 *
 * <p>Exports only the API packages; package-private helpers stay inside their package.
 */
module dev.pureflow.interpreters {
    // Executor, Action, Program and vavr types appear in public signatures.
    requires transitive dev.pureflow.dsl;
    requires org.slf4j;
    // The codec's API takes and gives Jackson trees (JsonNode, ObjectNode, a copy of its ObjectMapper).
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jdk8;
    requires com.fasterxml.jackson.datatype.jsr310;

    // The API packages, one a line: add a new API package here.
    exports dev.pureflow.interpreters.codec;
    exports dev.pureflow.interpreters.fake;
    exports dev.pureflow.interpreters.process;
}
