package dev.pureflow.owner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Action;
import dev.pureflow.ActionFailedException;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.StepListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120) // a hang detector
class OwnerExecutorTest {

    /** The actions a flow may ask of an account owner. */
    sealed interface Ledger<R> extends Action<R> {
        record Deposit(int amount) implements Ledger<Integer> {}

        record Balance() implements Ledger<Integer> {}
    }

    /** The account's state: touched only on the owner's loop. */
    static final class Account {
        int balance;
        final List<String> threads = new CopyOnWriteArrayList<>();
    }

    private static Object answer(Account account, Ledger<?> action) {
        account.threads.add(Thread.currentThread().getName());
        return switch (action) {
            case Ledger.Deposit deposit -> {
                if (deposit.amount() < 0) {
                    throw new IllegalArgumentException("a deposit is positive: " + deposit.amount());
                }
                yield account.balance += deposit.amount();
            }
            case Ledger.Balance balance -> account.balance;
        };
    }

    @Test
    void a_flow_reaches_the_owner_through_its_executor_and_each_call_is_a_step() throws Exception {
        Account account = new Account();
        List<String> steps = new CopyOnWriteArrayList<>();
        try (SerialOwner<Account> owner = SerialOwner.builder("account", account).start()) {
            Runner runner = Runner.of(owner.executor(Ledger.class, OwnerExecutorTest::answer))
                    .with(options -> options.listener(StepListener.onStarted(step -> steps.add(step.action().toString()))));
            Program<Integer> flow = Program.traverse(List.of(10, 20, 30), amount -> Program.perform(new Ledger.Deposit(amount)))
                    .andThen(Program.perform(new Ledger.Balance()));

            int balance = runner.run(flow);

            assertThat(balance).isEqualTo(60);
            assertThat(steps).containsExactly("Deposit[amount=10]", "Deposit[amount=20]", "Deposit[amount=30]", "Balance[]");
            assertThat(account.threads).hasSize(4).containsOnly("pureflow-owner-account");
        }
    }

    @Test
    void a_failed_call_fails_the_step_with_the_original_error_as_its_cause() {
        IllegalArgumentException[] thrown = new IllegalArgumentException[1];
        try (SerialOwner<Account> owner = SerialOwner.builder("account", new Account()).start()) {
            Runner runner = Runner.of(owner.executor(Ledger.class, (account, action) -> {
                try {
                    return answer(account, action);
                } catch (IllegalArgumentException e) {
                    thrown[0] = e;
                    throw e;
                }
            }));

            assertThatThrownBy(() -> runner.run(Program.perform(new Ledger.Deposit(-5))))
                    .isInstanceOf(ActionFailedException.class)
                    .satisfies(failed -> assertThat(failed.getCause()).isSameAs(thrown[0]))
                    .hasRootCauseMessage("a deposit is positive: -5");
        }
    }

    @Test
    void a_process_can_whitelist_actions_by_the_simple_name_of_their_type() throws Exception {
        Account account = new Account();
        SerialOwner<Account> owner = SerialOwner.builder("account", account).build();
        Runner runner = Runner.of(owner.executor(Ledger.class, OwnerExecutorTest::answer));
        var deposit = runner.start(Program.perform(new Ledger.Deposit(7)));
        var balance = runner.start(Program.perform(new Ledger.Balance()));
        SerialOwnerTest.awaitWaiting(owner, 2);

        assertThat(owner.process(Processing.PENDING, java.util.Set.of("Balance"))).isEqualTo(1);
        assertThat(balance.await()).isZero();
        assertThat(owner.process(Processing.PENDING)).isEqualTo(1);
        assertThat(deposit.await()).isEqualTo(7);
        owner.close();
    }

    @Test
    void cancelling_a_run_withdraws_its_call_that_had_not_started_so_it_never_runs() throws Exception {
        Account account = new Account();
        SerialOwner<Account> owner = SerialOwner.builder("account", account).build(); // nobody processes yet
        var run = Runner.of(owner.executor(Ledger.class, OwnerExecutorTest::answer)).start(Program.perform(new Ledger.Deposit(7)));
        SerialOwnerTest.awaitWaiting(owner, 1);

        run.cancel();

        assertThat(run.awaitOutcome().getCause()).isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(owner.waiting()).isZero();
        assertThat(owner.process(Processing.PENDING)).isZero();
        assertThat(account.balance).isZero();
        owner.close();
    }
}
