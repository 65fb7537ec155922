package dev.pureflow.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.examples.greeting.Cmd;
import dev.pureflow.examples.greeting.Cmd.Fetch;
import dev.pureflow.examples.greeting.Cmd.Greet;
import dev.pureflow.examples.greeting.GreetingExecutor;
import dev.pureflow.examples.readme.Account.Login;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The README's "Executors" section. */
class ExecutorsReadmeTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Executor executor = GreetingExecutor.printingTo(lines::add);

    @Test
    void an_async_executor_answers_with_stages() {
        // README: executor-async
        Executor async = Executor.async(Cmd.class, cmd -> switch (cmd) {
            case Fetch fetch -> CompletableFuture.supplyAsync(() -> List.of("User0"));
            case Greet greet -> CompletableFuture.runAsync(() -> lines.add("Hi, " + greet.name() + "!"));
        });
        assertThat(Runner.of(async).run(Program.perform(new Fetch("users", 1)))).containsExactly("User0");
        // END README
    }

    @Test
    void a_router_sends_each_family_to_its_executor() {
        // README: routing
        Executor accounts = Executor.of(Account.class, account -> switch (account) {
            case Login login -> "token-for-" + login.user();
        });
        Executor world = Executor.routing()
                .route(Cmd.class, executor)
                .route(Account.class, accounts)
                .build();
        Program<String> signIn = Program.perform(new Login("ada", "s3cret"))
                .flatMap(token -> Program.perform(new Greet("ada")).map(greeted -> token));
        assertThat(Runner.of(world).run(signIn)).isEqualTo("token-for-ada");
        // END README
        assertThat(lines).containsExactly("Hi, ada!");
    }
}
