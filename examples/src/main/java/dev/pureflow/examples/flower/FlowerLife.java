package dev.pureflow.examples.flower;

import static dev.pureflow.examples.flower.Flower.DEAD;
import static dev.pureflow.examples.flower.Flower.FLOWERING;
import static dev.pureflow.examples.flower.Flower.GROWING;
import static dev.pureflow.examples.flower.Flower.SPROUTING;
import static dev.pureflow.examples.flower.Flower.WITHERING;

import dev.pureflow.Executor;
import dev.pureflow.Program;
import dev.pureflow.examples.flower.Garden.Frost;
import dev.pureflow.examples.flower.Garden.Say;
import dev.pureflow.examples.flower.Garden.Sunshine;
import dev.pureflow.state.Next;
import dev.pureflow.state.StateMachine;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * gevent_async's flower as a pureflow state machine: sprouting, growing (day after day, until it is
 * 10 cm tall), flowering, then withering — or dead at once if a frost comes while it flowers.
 * Stateless.
 */
public final class FlowerLife {

    /** How tall a flower grows before it flowers, in centimetres. */
    public static final int FLOWERING_HEIGHT = 10;

    private FlowerLife() {}

    /** The flower's machine: its states, their bodies, and the transitions between them. */
    // README: flower-machine
    public static StateMachine<Flower> machine() {
        return StateMachine.<Flower>builder()
                .state(SPROUTING, args -> say("a sprout").map(said -> Next.to(GROWING, 1)))
                .state(GROWING, args -> Program.perform(new Sunshine()).flatMap(sun -> {
                    int height = (Integer) args.head() + sun;
                    return say(height + " cm").map(said -> height >= FLOWERING_HEIGHT
                            ? Next.to(FLOWERING)
                            : Next.to(GROWING, height));
                }))
                .state(FLOWERING, args -> Program.perform(new Frost())
                        .map(frost -> frost ? Next.to(DEAD) : Next.to(WITHERING)))
                .state(WITHERING, args -> say("petals fall").map(said -> Next.to(DEAD)))
                .state(DEAD, args -> Program.pure(Next.end()))
                .transitions(SPROUTING, GROWING)
                .transitions(GROWING, GROWING, FLOWERING)
                .transitions(FLOWERING, WITHERING, DEAD)
                .transitions(WITHERING, DEAD) // DEAD has none: it is terminal
                .onTransition((from, to) -> say(from.map(Flower::name).getOrElse("seed") + " -> " + to))
                .build();
    }
    // END README

    /** A flower's whole life, from a seed: yields the stage it ended in. */
    public static Program<Flower> life() {
        return machine().startingAt(SPROUTING);
    }

    private static Program<Void> say(String line) {
        return Program.perform(new Say(line));
    }

    /**
     * A garden with the given weather, telling the gardener through {@code out}.
     *
     * @param out called once per {@link Say}, on the run's thread
     */
    public static Executor garden(IntSupplier sunshine, BooleanSupplier frost, Consumer<String> out) {
        Objects.requireNonNull(sunshine, "sunshine");
        Objects.requireNonNull(frost, "frost");
        Objects.requireNonNull(out, "out");
        return Executor.of(Garden.class, action -> switch (action) {
            case Sunshine sun -> sunshine.getAsInt();
            case Frost cold -> frost.getAsBoolean();
            case Say say -> {
                out.accept(say.line());
                yield null;
            }
        });
    }
}
