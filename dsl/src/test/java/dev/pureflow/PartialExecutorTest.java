package dev.pureflow;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.control.Option;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Executors that decline an action so that the next one takes it: a chain answers each action with
 * its first member that does not decline, and fails an action every member declines naming it.
 */
class PartialExecutorTest {

    /** A second action family. */
    sealed interface Mail<R> extends Action<R> {
        record Send(String to) implements Mail<String> {}
    }

    /** An action nobody handles. */
    record Orphan(int id) implements Action<Integer> {}

    private final List<String> log = new CopyOnWriteArrayList<>();

    private final PartialExecutor cmds = PartialExecutor.of(Cmd.class, cmd -> {
        log.add("cmd " + cmd);
        return cmd instanceof Cmd.Get get ? get.n() : null;
    });

    private final PartialExecutor mail = PartialExecutor.of(Mail.class, send -> {
        log.add("mail " + send);
        return "sent to " + ((Mail.Send) send).to();
    });

    @Test
    void each_action_goes_to_the_first_executor_that_does_not_decline_it() {
        Executor world = cmds.orElse(mail).orElseUnhandled();
        Program<String> flow = Program.perform(new Cmd.Get(2)).flatMap(n -> Program.perform(new Mail.Send("ops" + n)));

        assertThat(Runner.of(world).run(flow)).isEqualTo("sent to ops2");
        assertThat(log).containsExactly("cmd Get[n=2]", "mail Send[to=ops2]");
    }

    @Test
    void an_executor_declines_by_answering_none_and_an_earlier_one_wins() {
        PartialExecutor evensOnly = action -> action instanceof Cmd.Get get && get.n() % 2 == 0
                ? Option.some(-get.n())
                : Option.none();
        Executor world = evensOnly.orElse(cmds).orElseUnhandled();

        assertThat(Runner.of(world).run(Program.perform(new Cmd.Get(4)))).isEqualTo(-4);
        assertThat(Runner.of(world).run(Program.perform(new Cmd.Get(5)))).isEqualTo(5);
        assertThat(log).containsExactly("cmd Get[n=5]");
    }

    @Test
    void a_void_action_is_answered_with_some_null_not_declined() {
        PartialExecutor notes = action -> action instanceof Cmd.Note ? Option.some(null) : Option.none();
        Executor world = notes.orElse(cmds).orElseUnhandled();

        assertThat(Runner.of(world).run(Program.perform(new Cmd.Note("x")))).isNull();
        assertThat(log).as("the note was answered, not passed on").isEmpty();
    }

    @Test
    void an_action_every_executor_declines_fails_naming_the_action_and_the_chain() {
        Executor world = cmds.orElse(mail).orElseUnhandled();

        assertThatThrownBy(() -> Runner.of(world).run(Program.perform(new Orphan(7))))
                .isInstanceOf(ActionFailedException.class)
                .cause()
                .isInstanceOf(UnhandledActionException.class)
                .hasMessageStartingWith("no handler for action Orphan[id=7] (" + Orphan.class.getName() + "): every executor of the chain declined it: ")
                .hasMessageEndingWith("Executor.of(Cmd), then Executor.of(Mail)");
        assertThat(log).isEmpty();
    }

    @Test
    void a_total_executor_ends_the_chain_and_reports_what_nobody_handles_itself() {
        Executor catchAll = Executor.of(Orphan.class, orphan -> orphan.id() * 10);
        Executor world = cmds.orElse(catchAll);

        assertThat(Runner.of(world).run(Program.perform(new Orphan(7)))).isEqualTo(70);
        assertThatThrownBy(() -> Runner.of(world).run(Program.perform(new Mail.Send("x"))))
                .cause().isInstanceOf(UnhandledActionException.class).hasMessageContaining("this executor handles only " + Orphan.class.getName());
    }

    @Test
    void executor_or_else_hands_on_what_the_first_reports_as_unhandled() {
        Executor routed = Executor.routing().route(Cmd.class, Executor.of(Cmd.class, cmd -> 1)).build();
        Executor world = routed.orElse(Executor.of(Mail.class, send -> "mailed"));

        assertThat(Runner.of(world).run(Program.perform(new Cmd.Get(9)))).isEqualTo(1);
        assertThat(Runner.of(world).run(Program.perform(new Mail.Send("ops")))).isEqualTo("mailed");
        assertThatThrownBy(() -> Runner.of(world).run(Program.perform(new Orphan(1))))
                .cause().isInstanceOf(UnhandledActionException.class).hasMessageContaining("Orphan[id=1]");
    }

    @Test
    void a_failure_of_the_action_is_not_a_decline() {
        Executor world = PartialExecutor.of(Cmd.class, cmd -> {
            throw new IllegalStateException("store down");
        }).orElse(Executor.of(Cmd.class, cmd -> 42));

        assertThatThrownBy(() -> Runner.of(world).run(Program.perform(new Cmd.Get(1))))
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("store down");
    }

    @Test
    void an_unhandled_report_about_another_action_is_a_failure_not_a_decline() {
        Executor innerLookup = Executor.of(Cmd.class, cmd -> {
            throw new UnhandledActionException(new Orphan(0), "performed on the side");
        });
        Executor world = innerLookup.orElse(Executor.of(Cmd.class, cmd -> 42));

        assertThatThrownBy(() -> Runner.of(world).run(Program.perform(new Cmd.Get(1))))
                .cause().isInstanceOf(UnhandledActionException.class).hasMessageContaining("Orphan[id=0]");
    }

    @Test
    void a_partial_executor_answering_null_instead_of_an_option_fails_naming_the_action() {
        PartialExecutor broken = action -> null;

        assertThatThrownBy(() -> Runner.of(broken.orElseUnhandled()).run(Program.perform(new Cmd.Get(1))))
                .cause().isInstanceOf(NullPointerException.class).hasMessageContaining("answered Get[n=1] with null instead of an Option");
    }

    @Test
    void a_member_of_a_chain_answering_null_fails_naming_the_action() {
        PartialExecutor broken = action -> null;

        assertThatThrownBy(() -> Runner.of(broken.orElse(cmds).orElseUnhandled()).run(Program.perform(new Cmd.Get(1))))
                .cause().isInstanceOf(NullPointerException.class).hasMessageContaining("answered Get[n=1] with null instead of an Option");
    }

    @Test
    void a_total_chain_prints_its_members_in_order_ending_with_unhandled() {
        PartialExecutor chain = cmds.orElse(mail);

        assertThat(chain.orElseUnhandled()).hasToString(chain + ", then unhandled");
    }

    @Test
    void a_chain_runs_as_many_branches_at_once_as_every_member_allows() {
        PartialExecutor wide = PartialExecutor.of(Executor.of(Cmd.class, cmd -> 1).with(parallelize(8)));
        PartialExecutor narrow = PartialExecutor.of(Executor.of(Mail.class, send -> "x").with(parallelize(3)));

        assertThat(wide.orElse(narrow).parallelism()).isEqualTo(3);
        assertThat(wide.orElseUnhandled().parallelism()).isEqualTo(8);
        assertThat(wide.orElse(Executor.of(Mail.class, send -> "x")).parallelism()).isEqualTo(1);
        assertThat(Executor.of(Cmd.class, cmd -> 1).with(parallelize(4)).orElse(Executor.of(Mail.class, send -> "x").with(parallelize(2)))
                .parallelism()).isEqualTo(2);
        assertThat(((PartialExecutor) action -> Option.none()).parallelism()).isEqualTo(1);
    }

    @Test
    void chains_refuse_missing_members_by_name() {
        assertThatThrownBy(() -> cmds.orElse((PartialExecutor) null)).isInstanceOf(NullPointerException.class).hasMessage("next");
        assertThatThrownBy(() -> cmds.orElse((Executor) null)).isInstanceOf(NullPointerException.class).hasMessage("last");
        assertThatThrownBy(() -> PartialExecutor.of(null)).isInstanceOf(NullPointerException.class).hasMessage("executor");
        assertThatThrownBy(() -> Executor.of(Cmd.class, cmd -> 1).orElse(null)).isInstanceOf(NullPointerException.class).hasMessage("next");
    }

    /** The member at {@code position} of a chain: takes the {@code Get}s of its {@code n}, answering where it sits. */
    record Taking(int n, int position) implements PartialExecutor {
        @Override
        public Option<Object> tryExecute(Action<?> action) {
            return action instanceof Cmd.Get get && get.n() == n ? Option.some(position) : Option.none();
        }
    }

    @Property(tries = 200)
    void a_chain_answers_with_its_first_member_that_takes_the_action_and_fails_when_none_does(
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 5) Integer> members,
            @ForAll @IntRange(min = 0, max = 5) int asked) {
        PartialExecutor chain = new Taking(members.getFirst(), 0);
        for (int position = 1; position < members.size(); position++) {
            chain = chain.orElse(new Taking(members.get(position), position));
        }
        Executor world = chain.orElseUnhandled();

        var outcome = Runner.of(world).attempt(Program.perform(new Cmd.Get(asked)));

        if (members.contains(asked)) {
            assertThat(outcome.get()).as("the first member that takes it").isEqualTo(members.indexOf(asked));
        } else {
            assertThat(outcome.getCause()).cause().isInstanceOf(UnhandledActionException.class).hasMessageContaining("Get[n=" + asked + "]");
        }
    }

    @Property(tries = 100)
    void a_chains_parallelism_is_the_smallest_of_its_members(@ForAll("parallelisms") List<Integer> parallelisms) {
        PartialExecutor chain = null;
        for (int parallelism : parallelisms) {
            PartialExecutor member = PartialExecutor.of(Executor.of(Cmd.class, cmd -> 1).with(parallelize(parallelism)));
            chain = chain == null ? member : chain.orElse(member);
        }

        assertThat(chain.parallelism()).isEqualTo(parallelisms.stream().mapToInt(Integer::intValue).min().orElseThrow());
    }

    @Provide
    Arbitrary<List<Integer>> parallelisms() {
        return Arbitraries.integers().between(1, 64).list().ofMinSize(1).ofMaxSize(5);
    }
}
