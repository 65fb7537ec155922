/**
 * Seeing runs: Micrometer metrics, OpenTelemetry spans, and pictures of recorded runs (Mermaid
 * diagrams, an HTML timeline). Optional: pureflow-dsl does not depend on it.
 *
 * <p>Micrometer and the OpenTelemetry API are automatic modules (their jars name themselves in the
 * manifest); their types appear in this module's API, so it requires them transitively.
 */
@SuppressWarnings("requires-transitive-automatic")
module dev.pureflow.observability {
    requires transitive dev.pureflow.dsl;
    requires transitive dev.pureflow.interpreters;
    // pictures only: a user who draws them has the testkit (pom: optional)
    requires static transitive dev.pureflow.testkit;
    requires transitive micrometer.core;
    requires transitive io.opentelemetry.api;
    requires transitive io.opentelemetry.context;

    // The API packages, one a line.
    exports dev.pureflow.observability;
    exports dev.pureflow.observability.metrics;
    exports dev.pureflow.observability.tracing;
    exports dev.pureflow.observability.picture;
}
