package dev.sinkwire.it.quarkus;

/** An order was placed. Immutable, thread-safe. */
public record Order(String id, int amount) implements ShopEvent {
}
