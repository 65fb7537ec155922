package dev.pureflow.examples.modules;

import java.util.Map;

/**
 * The sources of {@code user.app}, a user's modular application: it requires only the testkit (and
 * the examples, for their actions), exports its package and opens nothing. That it compiles shows
 * the testkit passes on every module its API names ({@code requires transitive}).
 */
final class UserApp {

    static final Map<String, String> SOURCES = Map.of(
            "module-info.java", """
                    module user.app {
                        requires dev.pureflow.testkit;
                        requires dev.pureflow.examples;
                        exports user.app;
                    }
                    """,
            "user/app/Check.java", """
                    package user.app;

                    import dev.pureflow.Action;
                    import dev.pureflow.Clock;
                    import dev.pureflow.Executor;
                    import dev.pureflow.Program;
                    import dev.pureflow.Runner;
                    import dev.pureflow.Redaction;
                    import dev.pureflow.examples.greeting.GreetingExecutor;
                    import dev.pureflow.examples.greeting.GreetingFlows;
                    import dev.pureflow.testkit.Recorder;
                    import dev.pureflow.testkit.Replay;
                    import dev.pureflow.testkit.Schedule;
                    import dev.pureflow.testkit.Trace;
                    import dev.pureflow.testkit.TraceAssert;
                    import io.vavr.control.Try;
                    import java.nio.file.Path;
                    import java.util.List;
                    import net.jqwik.api.Arbitrary;

                    public final class Check {

                        public sealed interface Vault<R> extends Action<R> permits Login {}

                        public record Login(String user, String password) implements Vault<List<String>> {}

                        private static final Program<List<String>> LOGIN = Program.perform(new Login("ada", "s3cret"));

                        public static String redacted() {
                            return Redaction.DEFAULT.masking("password").render(new Login("ada", "s3cret"));
                        }

                        public static List<String> run() {
                            return Runner.of(vault()).run(LOGIN);
                        }

                        public static List<String> recordThenReplay(Path file) throws Exception {
                            try (Recorder recorder = Recorder.to(file, Clock.system())) {
                                Runner.of(vault().with(recorder)).run(LOGIN);
                            }
                            try (Replay replay = Replay.from(file)) {
                                return Runner.of(replay).run(LOGIN);
                            }
                        }

                        public static List<Integer> greetThenReplay(Path file) throws Exception {
                            int greeted;
                            try (Recorder recorder = Recorder.to(file, Clock.system())) {
                                greeted = Runner.of(GreetingExecutor.printingTo(line -> {}).with(recorder)).run(GreetingFlows.greetAll());
                            }
                            try (Replay replay = Replay.from(file)) {
                                return List.of(greeted, Runner.of(replay).run(GreetingFlows.greetAll()));
                            }
                        }

                        /** Not called: compiles only if vavr, jqwik and AssertJ are readable through the testkit. */
                        static Try<Arbitrary<Schedule>> typesTheApiHandsOut(Trace trace) {
                            TraceAssert.assertThat(trace).isNotNull();
                            return Try.of(Schedule::arbitrary);
                        }

                        private static Executor vault() {
                            return Executor.of(Vault.class, vault -> switch (vault) {
                                case Login login -> List.of(login.user(), "admin");
                            });
                        }
                    }
                    """);

    private UserApp() {}
}
