package dev.pureflow.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pureflow.Action;
import dev.pureflow.ActionFailedException;
import dev.pureflow.Combinator;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.ResultTypeException;
import dev.pureflow.Runner;
import dev.pureflow.UnhandledActionException;
import dev.pureflow.examples.greeting.Cmd;
import dev.pureflow.examples.greeting.Cmd.Fetch;
import dev.pureflow.examples.greeting.Cmd.Greet;
import dev.pureflow.examples.greeting.GreetingExecutor;
import dev.pureflow.examples.greeting.GreetingFlows;
import dev.pureflow.examples.readme.Account.Login;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The README's "Typed results and errors" section. */
class ErrorsReadmeTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Executor executor = GreetingExecutor.printingTo(lines::add);
    private final Program<Integer> greetAll = GreetingFlows.greetAll();

    @Test
    void a_failed_action_is_reported_with_its_step_branch_and_the_steps_before_it() {
        // README: errors-action-failed
        Executor mailboxFull = executor.with(Combinator.around((action, next) -> {
            if (action.equals(new Greet("User1"))) {
                throw new IOException("mailbox full");
            }
            return next.execute(action);
        }));
        ActionFailedException failed =
                catchThrowableOfType(ActionFailedException.class, () -> Runner.of(mailboxFull).run(greetAll));
        assertThat(failed.action()).isEqualTo(new Greet("User1"));
        assertThat(failed.before()).containsExactly(new Fetch("users", 3), new Greet("User0"));
        assertThat(failed.getCause()).isInstanceOf(IOException.class);
        assertThat(failed).hasMessage("step 3 Greet[name=User1] failed on branch main after"
                + " Fetch[container=users, n=3], Greet[name=User0]: java.io.IOException: mailbox full");
        // END README
        assertThat(failed.step()).isEqualTo(3);
        assertThat(failed.branch()).isEqualTo("main");
    }

    @Test
    void a_flow_recovers_by_the_type_of_the_executors_exception() {
        Executor mailboxFull = executor.with(Combinator.around((action, next) -> {
            if (action.equals(new Greet("User1"))) {
                throw new IOException("mailbox full");
            }
            return next.execute(action);
        }));
        // README: errors-recover-by-type
        Program<String> greeting = Program.perform(new Greet("User1")).map(done -> "greeted");

        Program<String> orExcuse = greeting.recover(IOException.class, full -> "not greeted: " + full.getMessage());
        assertThat(Runner.of(mailboxFull).run(orExcuse)).isEqualTo("not greeted: mailbox full");

        Program<String> onlyWrongAnswers = greeting.recover(ResultTypeException.class, wrong -> "confused");
        assertThatThrownBy(() -> Runner.of(mailboxFull).run(onlyWrongAnswers)) // other errors pass through
                .isInstanceOf(ActionFailedException.class)
                .hasCauseInstanceOf(IOException.class);
        // END README
        assertThat(Runner.of(executor).run(orExcuse)).isEqualTo("greeted");
    }

    @Test
    void an_answer_of_the_wrong_type_is_an_error_naming_the_action() {
        // README: errors-result-type
        Executor confused = Executor.of(Cmd.class, cmd -> "User0"); // a String where Fetch declares a List
        assertThatThrownBy(() -> Runner.of(confused).run(greetAll))
                .isInstanceOf(ActionFailedException.class)
                .cause()
                .isInstanceOf(ResultTypeException.class)
                .hasMessage("executor answered Fetch[container=users, n=3] with java.lang.String (User0),"
                        + " but the action declares a result of type java.util.List");
        // END README
    }

    @Test
    void an_action_no_executor_handles_is_an_error_naming_it() {
        // README: errors-unhandled
        record Shout(String text) implements Action<Void> {}
        assertThatThrownBy(() -> Runner.of(executor).run(Program.perform(new Shout("hello"))))
                .isInstanceOf(ActionFailedException.class)
                .cause()
                .isInstanceOf(UnhandledActionException.class)
                .hasMessageContaining("no handler for action Shout[text=hello]");
        // END README
    }

    @Test
    void error_messages_show_actions_with_the_runs_redaction() {
        // README: errors-redacted
        Executor refusing = Executor.of(Account.class, account -> {
            throw new IOException("refused " + account); // careless: the raw toString
        });
        Runner careful = Runner.of(refusing).with(options -> options.redacting("password"));
        assertThatThrownBy(() -> careful.run(Program.perform(new Login("ada", "s3cret"))))
                .isInstanceOf(ActionFailedException.class)
                .hasMessage("step 1 Login[user=ada, password=***] failed on branch main (the first step of its branch):"
                        + " java.io.IOException: refused Login[user=ada, password=***]");
        // END README
    }
}
