package dev.pureflow.examples.readme;

import static dev.pureflow.combinators.Combinators.logged;
import static dev.pureflow.combinators.Combinators.parallelize;
import static dev.pureflow.combinators.Combinators.retried;
import static dev.pureflow.combinators.Combinators.timed;
import static dev.pureflow.combinators.Combinators.timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Action;
import dev.pureflow.ActionFailedException;
import dev.pureflow.Combinator;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.Redaction;
import dev.pureflow.Runner;
import dev.pureflow.combinators.ActionTimeoutException;
import dev.pureflow.combinators.Backoff;
import dev.pureflow.combinators.RetryPolicy;
import dev.pureflow.combinators.Timing;
import dev.pureflow.examples.greeting.Cmd.Fetch;
import dev.pureflow.examples.greeting.Cmd.Greet;
import dev.pureflow.examples.greeting.GreetingExecutor;
import dev.pureflow.examples.greeting.GreetingFlows;
import dev.pureflow.examples.readme.Account.Login;
import dev.pureflow.interpreters.process.Command;
import dev.pureflow.interpreters.process.ProcessAction;
import dev.pureflow.interpreters.process.Stdin;
import dev.pureflow.watch.RecordingLogger;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's "Combinators" section. */
class CombinatorsReadmeTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Executor executor = GreetingExecutor.printingTo(lines::add);
    private final Program<Integer> greetAll = GreetingFlows.greetAll();
    private final RecordingLogger log = new RecordingLogger();
    private final Executor accounts = Executor.of(Account.class, account -> switch (account) {
        case Login login -> "token-for-" + login.user();
    });

    @Test
    void logged_writes_a_line_per_action_with_secrets_redacted() {
        // README: logged
        Executor audited = accounts.with(logged(options -> options.logger(log).redacting("password")));
        Runner.of(audited).run(Program.perform(new Login("ada", "s3cret")));
        assertThat(log.lines().getFirst()).isEqualTo("INFO start Login[user=ada, password=***]");
        assertThat(log.lines().getLast()).startsWith("INFO done Login[user=ada, password=***] in PT");
        // END README
        assertThat(log.lines()).hasSize(2).noneMatch(line -> line.contains("s3cret"));
    }

    @Test
    void redaction_never_shows_more_than_toString_and_masks_names_environments_and_stdin() {
        // README: redaction-rules
        record Signup(String user, String password) implements Action<String> {
            @Override
            public String toString() {
                return "Signup[user=" + user + "]"; // the ceiling: no rendering shows more
            }
        }
        Command deploy = Command.of("deploy").withEnv("API_TOKEN", "s3cret").withVisibleEnv("LANG", "C")
                .withStdin(Stdin.text("s3cret"));
        Redaction secrets = Redaction.DEFAULT.masking("password");
        assertThat(secrets.render(new Signup("ada", "s3cret"))).isEqualTo("Signup[user=ada]");
        assertThat(secrets.render(new Login("ada", "s3cret"))).isEqualTo("Login[user=ada, password=***]");
        assertThat(secrets.render(List.of(Map.of("password", "s3cret")))).isEqualTo("[{password=***}]");
        assertThat(Redaction.DEFAULT.render(deploy)).contains("set={API_TOKEN=***, LANG=C}", "stdin=Text[6 chars]");
        assertThat(Redaction.DEFAULT.render(ProcessAction.run(deploy))).isEqualTo("Run[deploy]");
        // END README
        assertThat(secrets.render(deploy)).doesNotContain("s3cret");
    }

    @Test
    void logged_writes_failures_at_warn() {
        Executor failing = Executor.of(Account.class, account -> {
            throw new IOException("directory down");
        });
        Executor audited = failing.with(logged(options -> options.logger(log).redacting("password")));

        assertThatThrownBy(() -> Runner.of(audited).run(Program.perform(new Login("ada", "s3cret"))))
                .isInstanceOf(ActionFailedException.class);
        assertThat(log.lines().getLast())
                .startsWith("WARN failed Login[user=ada, password=***] after PT")
                .endsWith(": java.io.IOException: directory down");
    }

    @Test
    void retried_retries_the_errors_and_actions_its_policy_names() {
        AtomicInteger fetchAttempts = new AtomicInteger();
        Executor flaky = executor.with(Combinator.around((action, next) -> {
            if (action instanceof Fetch && fetchAttempts.incrementAndGet() <= 2) {
                throw new IOException("store busy");
            }
            return next.execute(action);
        }));
        // README: retried
        RetryPolicy policy = RetryPolicy.DEFAULT
                .withMaxAttempts(4)
                .withBackoff(Backoff.exponential(Duration.ofMillis(10), 2.0, Duration.ofSeconds(1)))
                .retryingOn(IOException.class)
                .forActions(Fetch.class);
        Executor patient = flaky.with(retried(policy)); // flaky: its first two Fetches fail
        assertThat(Runner.of(patient).run(greetAll)).isEqualTo(3);
        // END README
        assertThat(fetchAttempts).hasValue(3);
    }

    @Test
    void retried_gives_up_after_max_attempts_with_the_last_error() {
        Executor alwaysBusy = executor.with(Combinator.around((action, next) -> {
            throw new IOException("store busy");
        }));
        RetryPolicy policy = RetryPolicy.DEFAULT.withMaxAttempts(2).withBackoff(Backoff.none());

        assertThatThrownBy(() -> Runner.of(alwaysBusy.with(retried(policy))).run(greetAll))
                .isInstanceOf(ActionFailedException.class)
                .cause()
                .hasMessage("store busy")
                .satisfies(error -> assertThat(error.getSuppressed()).hasSize(1));
    }

    @Test
    void timed_hands_each_actions_duration_to_a_sink() {
        // README: timed
        List<Timing> timings = new CopyOnWriteArrayList<>();
        Runner.of(executor.with(timed(timings::add))).run(greetAll);
        assertThat(timings).extracting(Timing::action).containsExactly(
                new Fetch("users", 3), new Greet("User0"), new Greet("User1"), new Greet("User2"));
        assertThat(timings).allMatch(timing -> timing.succeeded() && !timing.duration().isNegative());
        // END README
    }

    @Test
    @Timeout(120)
    void timeout_interrupts_an_action_past_its_limit() {
        Executor stuck = new Stuck(lines::add).executor;
        // README: timeout
        Executor bounded = stuck.with(timeout(Duration.ofMillis(100))); // its Fetch never answers
        assertThatThrownBy(() -> Runner.of(bounded).run(greetAll))
                .isInstanceOf(ActionFailedException.class)
                .cause()
                .isInstanceOf(ActionTimeoutException.class)
                .hasMessage("action Fetch[container=users, n=3] did not finish within PT0.1S; its work was interrupted");
        // END README
    }

    @Test
    void the_combinator_applied_last_sees_each_action_first() {
        // README: order
        List<String> seen = new CopyOnWriteArrayList<>();
        Combinator inner = Combinator.around((action, next) -> {
            seen.add("inner");
            return next.execute(action);
        });
        Combinator outer = Combinator.around((action, next) -> {
            seen.add("outer");
            return next.execute(action);
        });
        Runner.of(executor.with(inner).with(outer)).run(Program.perform(new Greet("User0")));
        assertThat(seen).containsExactly("outer", "inner");
        // END README
    }

    @Test
    void the_built_ins_stack_into_one_executor() {
        List<Timing> timings = new CopyOnWriteArrayList<>();
        // README: stack
        Executor production = executor
                .with(timeout(Duration.ofSeconds(30))) // innermost: each attempt gets 30 s
                .with(retried(RetryPolicy.DEFAULT)) // retries attempts that failed or timed out
                .with(timed(timings::add)) // one timing per action, all its attempts included
                .with(logged(options -> options.logger(log))) // one line when each action starts and ends
                .with(parallelize(3)); // parallel blocks run up to 3 branches at once
        assertThat(Runner.of(production).run(GreetingFlows.greetAllInParallel())).isEqualTo(3);
        // END README
        assertThat(timings).hasSize(4);
        assertThat(log.lines()).hasSize(8);
    }
}
