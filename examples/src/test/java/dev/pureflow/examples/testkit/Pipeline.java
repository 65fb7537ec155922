package dev.pureflow.examples.testkit;

import dev.pureflow.Action;
import dev.pureflow.Program;
import dev.pureflow.interpreters.fake.FakeExecutor;
import java.io.IOException;

/** The deploy pipeline the testkit showcase tests: its actions, a fake world, and its flows. */
final class Pipeline {

    private Pipeline() {}

    /** What a deploy asks the world to do. */
    sealed interface Step<R> extends Action<R> {

        /** Builds {@code service}; yields the artifact. */
        record Build(String service) implements Step<String> {}

        /** Tests an artifact; yields whether the tests passed. */
        record RunTests(String artifact) implements Step<Boolean> {}

        /** Ships an artifact to production. */
        record Ship(String artifact) implements Step<Void> {}

        /** Removes the build's scratch space. */
        record Cleanup(String service) implements Step<Void> {}
    }

    /** A world in which everything works: builds make {@code service.jar}, tests pass. */
    static final FakeExecutor WORLD = FakeExecutor.builder()
            .on(Step.Build.class, build -> build.service() + ".jar")
            .on(Step.RunTests.class, tests -> true)
            .on(Step.Ship.class, ship -> null)
            .on(Step.Cleanup.class, cleanup -> null)
            .build();

    /** Build, test, ship if the tests passed; clean up whatever happens. */
    static Program<Void> deploy(String service) {
        return Program.perform(new Step.Build(service))
                .flatMap(artifact -> Program.perform(new Step.RunTests(artifact))
                        .flatMap(passed -> passed
                                ? Program.perform(new Step.Ship(artifact))
                                : Program.<Void>fail(new IOException("tests of " + artifact + " failed"))))
                .ensuring(Program.perform(new Step.Cleanup(service)));
    }

    /** The planted bug: cleans up when building or shipping fails, and forgets to when testing fails. */
    static Program<Void> leakyDeploy(String service) {
        return cleaningUpOnFailure(service, Program.perform(new Step.Build(service)))
                .flatMap(artifact -> Program.perform(new Step.RunTests(artifact))
                        .flatMap(passed -> cleaningUpOnFailure(service, Program.perform(new Step.Ship(artifact)))))
                .andThen(Program.perform(new Step.Cleanup(service)));
    }

    private static <A> Program<A> cleaningUpOnFailure(String service, Program<A> step) {
        return step.recoverWith(error -> Program.perform(new Step.Cleanup(service)).andThen(Program.fail(error)));
    }
}
