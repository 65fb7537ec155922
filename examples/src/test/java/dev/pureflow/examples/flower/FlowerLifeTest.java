package dev.pureflow.examples.flower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Program;
import dev.pureflow.Runner;
import dev.pureflow.state.IllegalTransitionException;
import dev.pureflow.state.Next;
import dev.pureflow.state.StateMachine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The flower's life: sprouting -> growing -> flowering -> withering | dead. */
class FlowerLifeTest {

    private final List<String> lines = new ArrayList<>();

    @Test
    void a_flower_grows_until_it_is_tall_enough_flowers_and_withers() {
        // README: flower-run
        Runner garden = Runner.of(FlowerLife.garden(() -> 4, () -> false, lines::add)); // 4 cm a day, no frost
        Flower end = garden.run(FlowerLife.life());

        assertThat(end).isEqualTo(Flower.DEAD);
        assertThat(lines).containsExactly(
                "seed -> SPROUTING", "a sprout",
                "SPROUTING -> GROWING", "5 cm",
                "GROWING -> GROWING", "9 cm",
                "GROWING -> GROWING", "13 cm",
                "GROWING -> FLOWERING",
                "FLOWERING -> WITHERING", "petals fall",
                "WITHERING -> DEAD");
        // END README
    }

    @Test
    void a_frost_while_it_flowers_kills_it_at_once() {
        Flower end = Runner.of(FlowerLife.garden(() -> 20, () -> true, lines::add)).run(FlowerLife.life());

        assertThat(end).isEqualTo(Flower.DEAD);
        assertThat(lines).containsExactly(
                "seed -> SPROUTING", "a sprout", "SPROUTING -> GROWING", "21 cm", "GROWING -> FLOWERING", "FLOWERING -> DEAD");
    }

    @Test
    void the_graph_is_declared_once_and_dead_is_terminal() {
        StateMachine<Flower> machine = FlowerLife.machine();

        assertThat(machine.exits(Flower.FLOWERING)).containsExactly(Flower.WITHERING, Flower.DEAD);
        assertThat(machine.exits(Flower.DEAD)).isEmpty();
        assertThat(machine.states()).containsExactly(Flower.values());
    }

    @Test
    void a_flower_cannot_grow_back_once_it_withers() {
        // README: flower-wrong
        StateMachine<Flower> undead = StateMachine.<Flower>builder()
                .state(Flower.WITHERING, args -> Program.pure(Next.to(Flower.GROWING)))
                .state(Flower.GROWING, args -> Program.pure(Next.end()))
                .transitions(Flower.WITHERING, Flower.DEAD)
                .state(Flower.DEAD, args -> Program.pure(Next.end()))
                .build();

        assertThatThrownBy(() -> Runner.of(action -> null).run(undead.startingAt(Flower.WITHERING)))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("state WITHERING cannot move to GROWING: its exits are [DEAD]");
        // END README
    }
}
