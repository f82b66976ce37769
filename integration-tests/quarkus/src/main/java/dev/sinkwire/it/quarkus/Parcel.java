package dev.sinkwire.it.quarkus;

/** A parcel was shipped. Immutable, thread-safe. */
public record Parcel(String id) implements ShopEvent {
}
