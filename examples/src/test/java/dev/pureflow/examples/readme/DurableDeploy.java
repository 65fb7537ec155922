package dev.pureflow.examples.readme;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import dev.pureflow.interpreters.journal.DurableFlow;
import dev.pureflow.interpreters.journal.DurableRunner;
import dev.pureflow.interpreters.journal.IdempotencyKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The README's "Durable runs" example: a deploy that survives {@code kill -9}. Run it with a journal
 * directory and a directory standing for the servers; kill it halfway; run it again: it resumes.
 * Each effect is written to {@code servers/effects.log} at most once, by its idempotency key.
 */
public final class DurableDeploy {

    // README: durable-deploy
    sealed interface Deploy<R> extends Action<R> {}
    record Build(String version) implements Deploy<String> {}                 // answers the artifact's name
    record Upload(String artifact, String host) implements Deploy<Void> {}
    record Restart(String host) implements Deploy<Void> {}

    record Release(String version, List<String> hosts) {}                     // the run's arguments, as JSON

    // Registered by name: after a crash the program is built again from the journaled arguments.
    static final DurableFlow<Release, String> DEPLOY = DurableFlow.of("deploy", Release.class, release ->
            Program.perform(new Build(release.version())).flatMap(artifact ->
                    Program.traverse(release.hosts(), host -> Program.perform(new Upload(artifact, host))
                                    .andThen(Program.perform(new Restart(host))))
                            .map(done -> "deployed " + artifact + " to " + release.hosts().size() + " hosts")));

    public static void main(String[] args) {
        Path journal = Path.of(args[0]);
        Servers servers = new Servers(Path.of(args[1]));
        DurableRunner runner = DurableRunner.builder(journal, servers.executor()).register(DEPLOY).build();

        // On start-up: runs that did not end (the process was killed) go on where they were.
        runner.resumeUnfinished().forEach((id, run) -> System.out.println(id + " resumed: " + run.await()));
        if (runner.run("deploy-1.4.2").isEmpty()) {
            RunHandle<String> run = runner.start("deploy-1.4.2", DEPLOY, new Release("1.4.2", List.of("web-1", "web-2", "web-3")));
            System.out.println("deploy-1.4.2: " + run.await());
        }
    }
    // END README

    /** The servers: each effect is a line of {@code effects.log}, written once per idempotency key. */
    static final class Servers {
        private final Path effects;

        Servers(Path directory) {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            this.effects = directory.resolve("effects.log");
        }

        // README: durable-idempotency
        Executor executor() {
            return Executor.of(Deploy.class, action -> {
                // run id + step key: the same when a step that was in flight at a crash runs again
                String key = IdempotencyKey.current().get();
                return switch (action) {
                    case Build build -> once(key, "built app-" + build.version() + ".jar", "app-" + build.version() + ".jar");
                    case Upload upload -> once(key, "uploaded " + upload.artifact() + " to " + upload.host(), null);
                    case Restart restart -> once(key, "restarted " + restart.host(), null);
                };
            });
        }
        // END README

        /** Does {@code effect} unless the log has {@code key}: what a service deduplicating by key does. */
        private synchronized <T> T once(String key, String effect, T answer) throws IOException, InterruptedException {
            List<String> done = Files.exists(effects) ? Files.readAllLines(effects, StandardCharsets.UTF_8) : List.of();
            if (done.stream().noneMatch(line -> line.startsWith(key + " "))) {
                Files.writeString(effects, key + " " + effect + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.DSYNC);
            }
            System.out.println(effect);
            System.out.flush();
            if (effect.equals(System.getenv("DEPLOY_HANG_AFTER"))) {
                new java.util.concurrent.CountDownLatch(1).await(); // in flight until killed: where the test's kill -9 lands
            }
            return answer;
        }
    }

    private DurableDeploy() {}
}
