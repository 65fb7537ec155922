package dev.pureflow.state;

import static dev.pureflow.state.Note.note;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Program;
import dev.pureflow.Runner;
import io.vavr.control.Option;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** gevent_async's own state machine cases, and the rest of the machine's contract. */
class StateMachineTest {

    enum Step { INITIAL, SECOND, THIRD }

    /** States as records: typed values, equal when their components are. */
    sealed interface Phase {
        record Foo() implements Phase {}

        record Bar() implements Phase {}
    }

    private final List<String> trace = new CopyOnWriteArrayList<>();
    private final Runner runner = Runner.of(Note.writingTo(trace));

    @Test
    void the_observer_sees_none_then_each_state_entered_initial_second_third() {
        List<Option<Step>> observed = new ArrayList<>();
        StateMachine<Step> machine = StateMachine.<Step>builder()
                .state(Step.INITIAL, Program.pure(Next.to(Step.SECOND)))
                .state(Step.SECOND, Program.pure(Next.to(Step.THIRD)))
                .state(Step.THIRD, Program.pure(Next.end()))
                .transitions(Step.INITIAL, Step.SECOND)
                .transitions(Step.SECOND, Step.THIRD)
                .onTransition((from, to) -> Program.defer(() -> {
                    if (observed.isEmpty()) {
                        observed.add(from);
                    }
                    observed.add(Option.some(to));
                    return Program.pure(null);
                }))
                .build();

        Step last = runner.run(machine.startingAt(Step.INITIAL));

        assertThat(last).isEqualTo(Step.THIRD);
        assertThat(observed).containsExactly(Option.none(), Option.some(Step.INITIAL), Option.some(Step.SECOND), Option.some(Step.THIRD));
    }

    @Test
    void foo_and_bar_move_back_and_forth_for_eleven_rounds() {
        Phase foo = new Phase.Foo();
        Phase bar = new Phase.Bar();
        StateMachine<Phase> machine = StateMachine.<Phase>builder()
                .state(foo, args -> {
                    int round = (Integer) args.head();
                    return note("foo " + round).map(noted -> round == 11 ? Next.<Phase>end() : Next.to(bar, round));
                })
                .state(bar, args -> note("bar " + args.head()).map(noted -> Next.to(foo, (Integer) args.head() + 1)))
                .transitions(foo, bar)
                .transitions(bar, foo)
                .onTransition((from, to) -> note(from.map(Object::toString).getOrElse("none") + " -> " + to))
                .build();

        Phase last = runner.run(machine.startingAt(foo, 1));

        assertThat(last).isEqualTo(foo);
        assertThat(trace).filteredOn(line -> line.startsWith("foo ")).hasSize(11).last().isEqualTo("foo 11");
        assertThat(trace).filteredOn(line -> line.startsWith("bar ")).hasSize(10);
        assertThat(trace).filteredOn(line -> line.contains(" -> ")).hasSize(21)
                .startsWith("none -> Foo[]", "Foo[] -> Bar[]", "Bar[] -> Foo[]");
    }

    @Test
    void an_undeclared_transition_fails_the_machine_in_the_state_that_tried_it_naming_both_states() {
        StateMachine<Step> machine = StateMachine.<Step>builder()
                .state(Step.INITIAL, note("initial").map(noted -> Next.to(Step.SECOND)))
                .state(Step.SECOND, note("second").map(noted -> Next.to(Step.INITIAL)))
                .state(Step.THIRD, note("third").map(noted -> Next.end()))
                .transitions(Step.INITIAL, Step.SECOND)
                .transitions(Step.SECOND, Step.THIRD)
                .onStart((state, args) -> note("start " + state))
                .build();

        assertThatThrownBy(() -> runner.run(machine.startingAt(Step.INITIAL)))
                .isInstanceOfSatisfying(IllegalTransitionException.class, wrong -> {
                    assertThat(wrong.from()).isEqualTo(Step.SECOND);
                    assertThat(wrong.to()).isEqualTo(Step.INITIAL);
                })
                .hasMessage("state SECOND cannot move to INITIAL: its exits are [THIRD]");
        assertThat(trace).as("the machine ended where the wrong move was tried")
                .containsExactly("start INITIAL", "initial", "start SECOND", "second");
    }

    @Test
    void a_machine_lists_its_states_in_declaration_order_and_prints_each_with_its_exits() {
        StateMachine<Step> machine = StateMachine.<Step>builder()
                .state(Step.SECOND, Program.pure(Next.end()))
                .state(Step.INITIAL, Program.pure(Next.to(Step.SECOND)))
                .transitions(Step.INITIAL, Step.SECOND, Step.INITIAL)
                .build();

        assertThat(machine.states().toJavaList()).containsExactly(Step.SECOND, Step.INITIAL);
        assertThat(machine.exits(Step.INITIAL).toJavaList()).containsExactly(Step.SECOND, Step.INITIAL);
        assertThat(machine).hasToString("StateMachine[SECOND -> []; INITIAL -> [SECOND, INITIAL]]");
    }

    @Test
    void a_terminal_state_cannot_move() {
        StateMachine<Step> machine = StateMachine.<Step>builder()
                .state(Step.INITIAL, Program.pure(Next.to(Step.THIRD)))
                .state(Step.THIRD, Program.pure(Next.to(Step.INITIAL)))
                .transitions(Step.INITIAL, Step.THIRD)
                .build();

        assertThat(machine.exits(Step.THIRD)).isEmpty();
        assertThatThrownBy(() -> runner.run(machine.startingAt(Step.INITIAL)))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("state THIRD is terminal and cannot move: it tried to move to INITIAL");
    }

    @Test
    void building_rejects_transitions_to_or_from_states_never_declared() {
        StateMachine.Builder<Step> toUnknown = StateMachine.<Step>builder()
                .state(Step.INITIAL, Program.pure(Next.end()))
                .transitions(Step.INITIAL, Step.SECOND);
        assertThatThrownBy(toUnknown::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("transition INITIAL -> unknown state SECOND; the declared states are [INITIAL]");

        StateMachine.Builder<Step> fromUnknown = StateMachine.<Step>builder()
                .state(Step.INITIAL, Program.pure(Next.end()))
                .transitions(Step.THIRD, Step.INITIAL);
        assertThatThrownBy(fromUnknown::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("transitions from unknown state THIRD; the declared states are [INITIAL]");

        assertThatThrownBy(() -> StateMachine.<Step>builder().transitions(Step.INITIAL, Step.SECOND).transitions(Step.INITIAL, Step.THIRD))
                .hasMessage("the transitions of state INITIAL are declared twice");
        assertThatThrownBy(() -> StateMachine.<Step>builder().state(Step.INITIAL, Program.pure(Next.end())).state(Step.INITIAL, Program.pure(Next.end())))
                .hasMessage("state INITIAL is declared twice");
        assertThatThrownBy(() -> StateMachine.<Step>builder().build()).hasMessage("a state machine needs at least one state");
    }

    @Test
    void any_declared_state_may_come_first_and_an_undeclared_one_is_refused() {
        StateMachine<Step> machine = StateMachine.<Step>builder()
                .state(Step.INITIAL, Program.pure(Next.to(Step.SECOND)))
                .state(Step.SECOND, note("second").map(noted -> Next.end()))
                .transitions(Step.INITIAL, Step.SECOND)
                .build();

        assertThat(runner.run(machine.startingAt(Step.SECOND))).isEqualTo(Step.SECOND);
        assertThat(trace).containsExactly("second");
        assertThatThrownBy(() -> machine.startingAt(Step.THIRD)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a state of this machine: THIRD; its states are [INITIAL, SECOND]");
    }

    @Test
    void a_transition_ends_the_current_state_and_on_start_runs_before_each_body_with_its_arguments() {
        StateMachine<Step> machine = StateMachine.<Step>builder()
                .state(Step.INITIAL, args -> Program.direct(flow -> {
                    flow.perform(new Note("initial body"));
                    return Next.to(Step.SECOND, "seeds", 3); // the tail call: the state is over
                }))
                .state(Step.SECOND, args -> note("second body " + args.mkString(",")).map(noted -> Next.end()))
                .transitions(Step.INITIAL, Step.SECOND)
                .onStart((state, args) -> note("start " + state + " " + args))
                .onTransition((from, to) -> note("moved " + from + " -> " + to))
                .build();

        Step last = runner.run(machine.startingAt(Step.INITIAL, "soil").flatMap(step -> note("after the machine").map(noted -> step)));

        assertThat(last).isEqualTo(Step.SECOND);
        assertThat(trace).containsExactly(
                "moved None -> INITIAL", "start INITIAL List(soil)", "initial body",
                "moved Some(INITIAL) -> SECOND", "start SECOND List(seeds, 3)", "second body seeds,3",
                "after the machine");
    }

    @Test
    void exits_of_a_state_never_declared_are_refused_naming_the_declared_states() {
        StateMachine<Step> machine = StateMachine.<Step>builder()
                .state(Step.INITIAL, Program.pure(Next.end()))
                .build();

        assertThatThrownBy(() -> machine.exits(Step.THIRD)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a state of this machine: THIRD; its states are [INITIAL]");
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_null_transition_target_is_refused_when_declared() {
        StateMachine.Builder<Step> builder = StateMachine.<Step>builder().state(Step.INITIAL, Program.pure(Next.end()));

        assertThatThrownBy(() -> builder.transitions(Step.INITIAL, Step.INITIAL, null))
                .isInstanceOf(NullPointerException.class).hasMessage("target");
    }

    @Test
    void a_body_yielding_no_next_move_fails_the_machine_naming_the_state() {
        StateMachine<Step> machine = StateMachine.<Step>builder()
                .state(Step.INITIAL, Program.pure((Next<Step>) null))
                .build();

        assertThatThrownBy(() -> runner.run(machine.startingAt(Step.INITIAL)))
                .isInstanceOf(NullPointerException.class).hasMessage("state INITIAL yielded no next move");
    }

    @Test
    void a_failing_body_fails_the_machine_with_its_own_error() {
        IllegalStateException wilted = new IllegalStateException("wilted");
        StateMachine<Step> machine = StateMachine.<Step>builder()
                .state(Step.INITIAL, Program.fail(wilted))
                .build();

        assertThatThrownBy(() -> runner.run(machine.startingAt(Step.INITIAL))).isSameAs(wilted);
    }

    @Test
    void the_same_machine_program_runs_again_from_the_start() {
        StateMachine<Step> machine = StateMachine.<Step>builder()
                .state(Step.INITIAL, note("initial").map(noted -> Next.to(Step.SECOND)))
                .state(Step.SECOND, note("second").map(noted -> Next.end()))
                .transitions(Step.INITIAL, Step.SECOND)
                .build();
        Program<Step> program = machine.startingAt(Step.INITIAL);

        runner.run(program);
        runner.run(program);

        assertThat(trace).containsExactly("initial", "second", "initial", "second");
    }

    @Test
    void a_million_transitions_run_in_constant_stack_and_memory() {
        int million = 1_000_000;
        List<WeakReference<Object>> early = new ArrayList<>();
        AtomicReference<String> retained = new AtomicReference<>("not checked");
        StateMachine<Step> machine = StateMachine.<Step>builder()
                .state(Step.INITIAL, args -> {
                    int n = (Integer) args.head();
                    if (n < 10) {
                        Object marker = new Object(); // the arguments of an early transition
                        early.add(new WeakReference<>(marker));
                        return Program.pure(Next.to(Step.SECOND, n + 1, marker));
                    }
                    if (n == million - 1_000) {
                        return Program.defer(() -> {
                            retained.set(collected(early));
                            return Program.pure(Next.to(Step.SECOND, n + 1));
                        });
                    }
                    return Program.pure(n >= million ? Next.end() : Next.to(Step.SECOND, n + 1));
                })
                .state(Step.SECOND, args -> Program.pure(Next.to(Step.INITIAL, (Integer) args.head() + 1)))
                .transitions(Step.INITIAL, Step.SECOND)
                .transitions(Step.SECOND, Step.INITIAL)
                .build();

        assertThat(runner.run(machine.startingAt(Step.INITIAL, 0))).isEqualTo(Step.INITIAL);
        assertThat(early).hasSize(5);
        assertThat(retained).as("what the machine still held of its early transitions near its end").hasValue("nothing");
    }

    /** Asks for garbage collection until every referent is gone, for a generous while. */
    private static String collected(List<WeakReference<Object>> references) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (references.stream().anyMatch(reference -> reference.get() != null)) {
            if (System.nanoTime() > deadline) {
                return references.stream().filter(reference -> reference.get() != null).count() + " argument lists";
            }
            System.gc();
        }
        return "nothing";
    }
}
