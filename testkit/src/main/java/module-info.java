/**
 * Property-based testing of flows with jqwik: fault plans, schedules, traces with AssertJ
 * assertions, record and replay as JSON lines.
 *
 * <p>Exports only the API package. Recording reads a user's action records with Jackson through
 * their public accessors and constructors, so a user module exports (not opens) the packages of the
 * actions it records.
 */
module dev.pureflow.testkit {
    // The API hands out pureflow types, jqwik arbitraries and AssertJ assertions.
    requires transitive dev.pureflow.dsl;
    requires transitive dev.pureflow.interpreters;
    requires transitive net.jqwik.api;
    requires transitive org.assertj.core;
    // Recordings are JSON written by Jackson; no Jackson type appears in the API.
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jdk8;
    requires com.fasterxml.jackson.datatype.jsr310;

    // The API packages, one a line: add a new API package here.
    exports dev.pureflow.testkit;
}
