package dev.pureflow.observability;

import dev.pureflow.Action;

/** The action family the observability tests run: a small shop. */
public sealed interface Shop<R> extends Action<R> {

    /** Reads an item's description. */
    record Fetch(String item) implements Shop<String> {}

    /** Charges a card: its number is a secret. */
    record Pay(String card, int cents) implements Shop<String> {}

    /** Ships an item. */
    record Ship(String item) implements Shop<String> {}
}
