/**
 * An embeddable web console: start allowlisted commands and flows from a browser, watch their
 * output and steps live, cancel them.
 *
 * <p>Exports only the API package. The server is the JDK's {@code jdk.httpserver}; JSON is written
 * with Jackson's tree model, so no class of this module is read by reflection.
 */
module dev.pureflow.console {
    // Runner, Program, Command and AllowedCommand's process types appear in public signatures.
    requires transitive dev.pureflow.dsl;
    requires transitive dev.pureflow.interpreters;
    requires jdk.httpserver;
    requires com.fasterxml.jackson.databind;

    // The API packages, one a line: add a new API package here.
    exports dev.pureflow.console;
}
