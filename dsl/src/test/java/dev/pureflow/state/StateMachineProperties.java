package dev.pureflow.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Program;
import dev.pureflow.Runner;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For any graph and any walk its states try: the machine follows every declared move, the observer
 * sees exactly the pairs moved ({@code (none, first)} first), and the first undeclared move fails
 * the machine naming both states, with nothing entered after it.
 */
class StateMachineProperties {

    enum Node { A, B, C, D, E }

    @Property(tries = 200)
    void the_machine_moves_exactly_as_declared_and_fails_at_the_first_undeclared_move(
            @ForAll("graphs") Map<Node, Set<Node>> graph, @ForAll Node first, @ForAll("walks") List<Node> walk) {
        List<Tuple2<Option<Node>, Node>> observed = new ArrayList<>();
        StateMachine.Builder<Node> builder = StateMachine.<Node>builder().onTransition((from, to) -> Program.defer(() -> {
            observed.add(Tuple.of(from, to));
            return Program.pure(null);
        }));
        for (Node node : Node.values()) {
            builder.state(node, args -> {
                int step = (Integer) args.head();
                return Program.pure(step == walk.size() ? Next.end() : Next.to(walk.get(step), step + 1));
            });
            Set<Node> exits = graph.get(node);
            if (!exits.isEmpty()) {
                builder.transitions(node, exits.toArray(Node[]::new));
            }
        }

        Try<Node> outcome = Runner.of(action -> null).attempt(builder.build().startingAt(first, 0));

        List<Tuple2<Option<Node>, Node>> expected = new ArrayList<>(List.of(Tuple.of(Option.none(), first)));
        Node current = first;
        for (Node target : walk) {
            if (!graph.get(current).contains(target)) {
                Node from = current;
                assertThat(outcome.getCause()).isInstanceOfSatisfying(IllegalTransitionException.class, wrong -> {
                    assertThat(wrong.from()).isEqualTo(from);
                    assertThat(wrong.to()).isEqualTo(target);
                    assertThat(wrong).hasMessageContaining("state " + from).hasMessageContaining(" " + target);
                });
                assertThat(observed).isEqualTo(expected);
                return;
            }
            expected.add(Tuple.of(Option.some(current), target));
            current = target;
        }
        assertThat(outcome.get()).isEqualTo(current);
        assertThat(observed).isEqualTo(expected);
    }

    @Provide
    Arbitrary<Map<Node, Set<Node>>> graphs() {
        Arbitrary<Set<Node>> exits = Arbitraries.of(Node.class).set().ofMaxSize(Node.values().length)
                .map(set -> set.isEmpty() ? EnumSet.noneOf(Node.class) : EnumSet.copyOf(set));
        return exits.list().ofSize(Node.values().length).map(lists -> {
            Map<Node, Set<Node>> graph = new java.util.EnumMap<>(Node.class);
            for (Node node : Node.values()) {
                graph.put(node, lists.get(node.ordinal()));
            }
            return graph;
        });
    }

    @Provide
    Arbitrary<List<Node>> walks() {
        return Arbitraries.of(Node.class).list().ofMaxSize(30);
    }
}
