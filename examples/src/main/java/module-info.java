/**
 * Runnable example flows: a pureflow user module. It requires only what it uses; its packages are
 * exported so that other code (its tests, the testkit's recorder) can read its public action records.
 */
module dev.pureflow.examples {
    requires dev.pureflow.interpreters;
    requires dev.pureflow.console;
    // the console's pictures of runs (TimelinePictures): drawn from a testkit Trace
    requires dev.pureflow.observability;
    requires dev.pureflow.testkit;

    exports dev.pureflow.examples.acons;
    exports dev.pureflow.examples.astty;
    exports dev.pureflow.examples.flower;
    exports dev.pureflow.examples.greeting;
    exports dev.pureflow.examples.lifecycle;
    exports dev.pureflow.examples.manager;
}
