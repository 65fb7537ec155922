package dev.pureflow.examples.flower;

/** The stages of a flower's life: the states of {@link FlowerLife}'s machine. */
public enum Flower {
    SPROUTING, GROWING, FLOWERING, WITHERING, DEAD
}
